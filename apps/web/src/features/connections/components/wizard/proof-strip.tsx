import type { ConnectionDetail } from '@tcc/shared';
import { Link, MessageStrip } from '@ui5/webcomponents-react';
import { t } from '../../../../i18n';
import { formatDateTime } from '../../../../utils/format';

/**
 * The wizard's one-line verdict, worded by what was proven: green only after a current passing test; ticked steps
 * alone say "not tested"; a failure names its cause and links the step to fix.
 */
export function ProofStrip({ connection: c, onGoToStep }: { connection: ConnectionDetail; onGoToStep: (stepId: number) => void }) {
  if (c.state === 'working' && c.lastTest) {
    return (
      <MessageStrip design="Positive" hideCloseButton className="wizard-proof" data-state={c.state}>
        {t('wizard.proof.working', { at: formatDateTime(c.lastTest.at) })}
      </MessageStrip>
    );
  }
  if (c.state === 'set_up') {
    return (
      <MessageStrip design="Critical" hideCloseButton className="wizard-proof" data-state={c.state}>
        {t('wizard.proof.setUp')}
      </MessageStrip>
    );
  }
  if (c.state === 'needs_attention' && c.attention) {
    const { stepId, message } = c.attention;
    return (
      <MessageStrip design="Negative" hideCloseButton className="wizard-proof" data-state={c.state}>
        {t('wizard.proof.attention', { message })}{' '}
        {stepId !== null && <Link onClick={() => onGoToStep(stepId)}>{t('wizard.proof.goToStep', { step: stepId })}</Link>}
      </MessageStrip>
    );
  }
  return null;
}
