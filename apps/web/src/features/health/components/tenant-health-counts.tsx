import { HEALTH_STATES, type Tenant } from '@tcc/shared';
import { FlexBox, ObjectStatus } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';
import { HEALTH_DESIGN } from './health-status';

type Counts = Pick<Tenant, 'healthyCount' | 'warningCount' | 'brokenCount' | 'unknownCount'>;

/** A tenant's connections by health, each count in its state's colour; zero counts are shown plain. */
export function TenantHealthCounts({ tenant }: { tenant: Counts }) {
  const count = { healthy: tenant.healthyCount, warning: tenant.warningCount, broken: tenant.brokenCount, unknown: tenant.unknownCount };
  return (
    <FlexBox wrap="Wrap" className="tenant-health-counts" role="group" aria-label={t('health.tenants.counts', count)}>
      {HEALTH_STATES.map((state) => (
        <ObjectStatus key={state} state={count[state] > 0 ? HEALTH_DESIGN[state] : 'None'} showDefaultIcon={count[state] > 0 && state !== 'unknown'} data-count={state}>
          {`${count[state]} ${t(`health.state.${state}`).toLowerCase()}`}
        </ObjectStatus>
      ))}
    </FlexBox>
  );
}
