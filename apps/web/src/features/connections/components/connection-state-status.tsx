import type { ConnectionState, ConnectionSummary } from '@tcc/shared';
import { FlexBox, ObjectStatus, Text } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';

const STATE_DESIGN = {
  not_started: 'None',
  in_progress: 'Information',
  needs_attention: 'Negative',
  set_up: 'Critical',
  working: 'Positive',
} as const satisfies Record<ConnectionState, string>;

/**
 * What was proven, in one place for the tenant page, the wizard header and the dashboard: green only for a connection
 * whose current test passed (with when), "set up, not tested" for ticked steps, and the cause and step when it needs
 * attention.
 */
export function ConnectionStateStatus({ connection: c }: { connection: Pick<ConnectionSummary, 'state' | 'lastTest' | 'attention'> }) {
  const label =
    c.state === 'working' && c.lastTest ? t('state.working.at', { at: formatDateTime(c.lastTest.at) })
    : c.state === 'set_up' && c.lastTest?.outcome === 'succeeded' ? t('state.set_up.changed')
    : t(`state.${c.state}`);
  return (
    <FlexBox direction="Column" data-state={c.state} className="connection-state">
      <ObjectStatus state={STATE_DESIGN[c.state]} showDefaultIcon={c.state !== 'not_started'}>
        {label}
      </ObjectStatus>
      {c.attention && (
        <Text className="muted connection-attention" maxLines={3}>
          {c.attention.stepId !== null ? t('state.attention.step', { step: c.attention.stepId, message: c.attention.message }) : c.attention.message}
        </Text>
      )}
    </FlexBox>
  );
}
