import { STEP_CATALOGUE, type ConnectionValues, type ValueKey } from '@tcc/shared';
import { FlexBox, Title } from '@ui5/webcomponents-react';
import { CopyField } from '../../../../components/copy-field';
import { t } from '../../../../i18n';

/** The step that records a value, so a missing one can say where it comes from. */
export function stepProviding(key: ValueKey): number | undefined {
  return STEP_CATALOGUE.find((step) => step.outputs.includes(key))?.id;
}

export function missingValueText(key: ValueKey): string {
  const step = stepProviding(key);
  return step === undefined ? t('wizard.valueMissingNoStep') : t('wizard.valueMissing', { step });
}

interface StepCopyValuesProps {
  keys: readonly ValueKey[];
  values: ConnectionValues;
}

export function StepCopyValues({ keys, values }: StepCopyValuesProps) {
  if (keys.length === 0) return null;
  return (
    <FlexBox direction="Column" className="step-section">
      <Title level="H4" size="H5">{t('wizard.valuesToCopy')}</Title>
      {keys.map((key) => (
        <CopyField key={key} id={`copy-${key}`} label={t(`values.${key}`)} value={values[key]} missingText={missingValueText(key)} />
      ))}
    </FlexBox>
  );
}
