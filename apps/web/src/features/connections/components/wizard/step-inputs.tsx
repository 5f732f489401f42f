import { LIMITS, type EnteredValueKey, type StepInput } from '@tcc/shared';
import { FlexBox, Title } from '@ui5/webcomponents-react';
import { FormInput } from '../../../../components/form-input';
import { t } from '../../../../i18n';

interface StepInputsProps {
  inputs: readonly StepInput[];
  readOnly: boolean;
  valueOf: (key: EnteredValueKey) => string;
  errorOf: (key: EnteredValueKey) => string | undefined;
  onChange: (key: EnteredValueKey, value: string) => void;
}

export function StepInputs({ inputs, readOnly, valueOf, errorOf, onChange }: StepInputsProps) {
  if (inputs.length === 0) return null;
  return (
    <FlexBox direction="Column" className="step-section">
      <Title level="H4" size="H5">{t('wizard.valuesToEnter')}</Title>
      {inputs.map(({ key, required }) => (
        <FormInput
          key={key}
          id={`step-input-${key}`}
          label={t(`values.${key}`)}
          value={valueOf(key)}
          onChange={(value) => onChange(key, value)}
          error={errorOf(key)}
          required={required && !readOnly}
          readonly={readOnly}
          maxlength={LIMITS.stepValueMax}
        />
      ))}
    </FlexBox>
  );
}
