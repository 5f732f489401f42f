import type { ConnectionState } from '@tcc/shared';
import { ObjectStatus } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';

const STATE_DESIGN = {
  not_started: 'None',
  in_progress: 'Information',
  needs_attention: 'Negative',
  complete: 'Positive',
} as const satisfies Record<ConnectionState, string>;

export function ConnectionStateStatus({ state }: { state: ConnectionState }) {
  return (
    <ObjectStatus state={STATE_DESIGN[state]} showDefaultIcon={state !== 'not_started'} data-state={state}>
      {t(`state.${state}`)}
    </ObjectStatus>
  );
}
