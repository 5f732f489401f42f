import type { AuditEvent } from '@tcc/shared';
import { ObjectStatus } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';

const RESULT_STATE = {
  ok: 'Positive',
  refused: 'Critical',
  failed: 'Negative',
} as const satisfies Record<AuditEvent['result'], string>;

export function AuditResultStatus({ result }: { result: AuditEvent['result'] }) {
  return (
    <ObjectStatus state={RESULT_STATE[result]} showDefaultIcon data-result={result}>
      {t(`audit.result.${result}`)}
    </ObjectStatus>
  );
}
