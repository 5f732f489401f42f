import { KNOWN_LANDSCAPE_DOMAINS } from '@tcc/shared';
import { ComboBox, ComboBoxItem, FlexBox, Label, type ComboBoxPropTypes } from '@ui5/webcomponents-react';

interface LandscapeComboBoxProps {
  id: string;
  label: string;
  value: string;
  error?: string;
  placeholder?: string;
  onChange: (value: string) => void;
}

/** Suggests the known landscapes but accepts any domain of the same shape (SAP adds extension landscapes). */
export function LandscapeComboBox({ id, label, value, error, placeholder, onChange }: LandscapeComboBoxProps) {
  const handleInput: ComboBoxPropTypes['onInput'] = (event) => onChange(event.target.value);
  const handleChange: ComboBoxPropTypes['onChange'] = (event) => onChange(event.target.value);
  return (
    <FlexBox direction="Column" className="form-field">
      <Label for={id} required showColon>
        {label}
      </Label>
      <ComboBox
        id={id}
        value={value}
        onInput={handleInput}
        onChange={handleChange}
        accessibleName={label}
        placeholder={placeholder}
        required
        filter="StartsWithPerTerm"
        valueState={error ? 'Negative' : 'None'}
        valueStateMessage={error ? <div>{error}</div> : undefined}
        className="form-field-input"
      >
        {KNOWN_LANDSCAPE_DOMAINS.map((domain) => (
          <ComboBoxItem key={domain} text={domain} />
        ))}
      </ComboBox>
    </FlexBox>
  );
}
