import { FlexBox, Input, Label, type InputPropTypes } from '@ui5/webcomponents-react';

interface FormInputProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
  placeholder?: string;
  maxlength?: number;
  readonly?: boolean;
  type?: InputPropTypes['type'];
  /** Lets password managers recognise the field. */
  name?: string;
}

/** A labelled input with its validation message; the label is both `for`-linked and the accessible name. */
export function FormInput({ id, label, value, onChange, error, required, placeholder, maxlength, readonly, type, name }: FormInputProps) {
  const handleInput: InputPropTypes['onInput'] = (event) => onChange(event.target.value);
  return (
    <FlexBox direction="Column" className="form-field">
      <Label for={id} required={required} showColon>
        {label}
      </Label>
      <Input
        id={id}
        value={value}
        onInput={handleInput}
        accessibleName={label}
        required={required}
        placeholder={placeholder}
        maxlength={maxlength}
        readonly={readonly}
        type={type}
        name={name}
        valueState={error ? 'Negative' : 'None'}
        valueStateMessage={error ? <div>{error}</div> : undefined}
        className="form-field-input"
      />
    </FlexBox>
  );
}
