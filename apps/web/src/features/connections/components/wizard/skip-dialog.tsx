import { LIMITS } from '@tcc/shared';
import { FlexBox, Label, TextArea, type TextAreaPropTypes } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { FormDialog } from '../../../../components/form-dialog';
import { t } from '../../../../i18n';

interface SkipDialogProps {
  stepId: number;
  onSkip: (reason: string) => void;
  onClose: () => void;
}

/** A skipped step counts as finished, so the reason is required: the next admin must know why. */
export function SkipDialog({ stepId, onSkip, onClose }: SkipDialogProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const handleInput: TextAreaPropTypes['onInput'] = (event) => {
    setReason(event.target.value);
    setError(undefined);
  };
  const submit = () => (reason.trim() === '' ? setError(t('wizard.skip.required')) : onSkip(reason.trim()));
  return (
    <FormDialog open headerText={t('wizard.skip.title', { id: stepId })} submitText={t('wizard.skip.confirm')} onSubmit={submit} onClose={onClose}>
      <FlexBox direction="Column" className="form-field">
        <Label for="skip-reason" required showColon>
          {t('wizard.skip.reason')}
        </Label>
        <TextArea
          id="skip-reason"
          value={reason}
          onInput={handleInput}
          accessibleName={t('wizard.skip.reason')}
          placeholder={t('wizard.skip.placeholder')}
          maxlength={LIMITS.stepNoteMax}
          rows={3}
          required
          valueState={error ? 'Negative' : 'None'}
          valueStateMessage={error ? <div>{error}</div> : undefined}
        />
      </FlexBox>
    </FormDialog>
  );
}
