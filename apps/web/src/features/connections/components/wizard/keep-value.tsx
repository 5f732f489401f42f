import { ERROR_CODES, KEEPABLE_VALUE_KEYS, KeepValuesSchema, LIMITS, type KeepValues } from '@tcc/shared';
import { Button, FlexBox, Label, Text, TextArea, Title, type TextAreaPropTypes } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { t } from '../../../../i18n';
import { ApiError } from '../../../../lib/api-client';

/** "Done" was refused only for values the admin may keep with a reason (VALUE_MISMATCH, every field keepable). */
export function isKeepableMismatch(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.code !== ERROR_CODES.valueMismatch || error.details.length === 0) return false;
  return error.details.every((detail) => (KEEPABLE_VALUE_KEYS as readonly string[]).includes(detail.field ?? ''));
}

interface KeepValueProps {
  busy: boolean;
  onKeep: (keepValues: KeepValues) => void;
}

/** Offered under a refused "done": mark it done with what was entered, saying why; the reason becomes the step's note. */
export function KeepValue({ busy, onKeep }: KeepValueProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const handleInput: TextAreaPropTypes['onInput'] = (event) => {
    setReason(event.target.value);
    setError(undefined);
  };
  const submit = () => {
    // The server's schema; the text maxlength keeps the reason short enough, so only an empty one fails here.
    const parsed = KeepValuesSchema.safeParse({ reason });
    if (parsed.success) onKeep(parsed.data);
    else setError(t('wizard.keep.required'));
  };
  return (
    <FlexBox direction="Column" className="step-section form-field" data-testid="keep-value">
      <Title level="H4" size="H5">{t('wizard.keep.title')}</Title>
      <Text>{t('wizard.keep.explain')}</Text>
      <Label for="keep-reason" required showColon>
        {t('wizard.keep.reason')}
      </Label>
      <TextArea
        id="keep-reason"
        value={reason}
        onInput={handleInput}
        accessibleName={t('wizard.keep.reason')}
        placeholder={t('wizard.keep.placeholder')}
        maxlength={LIMITS.stepNoteMax}
        rows={2}
        required
        valueState={error ? 'Negative' : 'None'}
        valueStateMessage={error ? <div>{error}</div> : undefined}
      />
      <FlexBox>
        <Button design="Default" icon="accept" disabled={busy} onClick={submit}>
          {t('wizard.keep.confirm')}
        </Button>
      </FlexBox>
    </FlexBox>
  );
}
