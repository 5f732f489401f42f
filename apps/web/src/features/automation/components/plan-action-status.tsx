import type { PlanAction } from '@tcc/shared';
import { ObjectStatus } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';

const ACTION_STATE = {
  read: 'None',
  create: 'Information',
  adopt: 'Positive',
  update: 'Critical',
  manual: 'Negative',
  blocked: 'Negative',
} as const satisfies Record<PlanAction, string>;

/** What a run will do to one SAP object, coloured as Fiori colours object states. */
export function PlanActionStatus({ action }: { action: PlanAction }) {
  return (
    <ObjectStatus state={ACTION_STATE[action]} showDefaultIcon={action !== 'read'} inverted={action !== 'read'} data-action={action}>
      {t(`plan.action.${action}`)}
    </ObjectStatus>
  );
}
