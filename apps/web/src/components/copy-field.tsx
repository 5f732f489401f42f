import { FlexBox, Input, Label, Text } from '@ui5/webcomponents-react';
import { CopyButton } from './copy-button';

interface CopyFieldProps {
  id: string;
  label: string;
  value: string | undefined;
  /** Shown instead of the field while the value is not known yet. */
  missingText: string;
}

/** A value to paste into SAP: read-only field plus copy button. */
export function CopyField({ id, label, value, missingText }: CopyFieldProps) {
  return (
    <FlexBox direction="Column" className="form-field">
      <Label for={id} showColon>
        {label}
      </Label>
      {value === undefined ? (
        <Text id={id} className="muted">
          {missingText}
        </Text>
      ) : (
        <FlexBox alignItems="Center" className="copy-field">
          <Input id={id} value={value} readonly accessibleName={label} className="copy-field-input" />
          <CopyButton text={value} label={label} />
        </FlexBox>
      )}
    </FlexBox>
  );
}
