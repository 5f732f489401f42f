import '../../config/icons';
import '../../i18n/pages';
import { roleAllows } from '@tcc/shared';
import { BusyIndicator, DynamicPage, DynamicPageHeader, DynamicPageTitle, Title } from '@ui5/webcomponents-react';
import { useParams, useSearchParams } from 'react-router';
import { PageBreadcrumbs } from '../../components/page-breadcrumbs';
import { PageMessage } from '../../components/page-message';
import { paths } from '../../config/paths';
import { AssistedSetupPanel } from '../../features/automation/components/assisted-setup-panel';
import { RepairButton } from '../../features/automation/components/repair-button';
import { useConnection } from '../../features/connections/api/get-connection';
import { HealthPanel } from '../../features/health/components/health-panel';
import { SandboxTag } from '../../features/connections/components/sandbox-tag';
import { ConnectionWizard } from '../../features/connections/components/wizard/connection-wizard';
import { WizardHeader } from '../../features/connections/components/wizard/wizard-header';
import { SandboxStrip } from '../../features/sandbox/components/sandbox-strip';
import { TrustRotationPanel } from '../../features/trust-rotation/components/trust-rotation-panel';
import { useTenant } from '../../features/tenants/api/get-tenant';
import { ReadOnlyHint } from '../../features/tenants/components/read-only-hint';
import { t } from '../../i18n';

export function ConnectionRoute() {
  const { tenantId, connectionId } = useParams() as { tenantId: string; connectionId: string };
  const tenant = useTenant(tenantId);
  const connection = useConnection(tenantId, connectionId);
  const [, setSearchParams] = useSearchParams();
  // The wizard shows the step named in ?step=N: the same way it selects a step from its own list.
  const goToStep = (stepId: number) => setSearchParams({ step: String(stepId) }, { replace: true });
  if (connection.isPending || tenant.isPending) return <BusyIndicator active className="page-busy" text={t('app.loading')} />;
  if (connection.isError) return <PageMessage error={connection.error} />;
  if (tenant.isError) return <PageMessage error={tenant.error} />;
  const c = connection.data;
  // Viewers see every step, value and copy button, but nothing that changes the connection.
  const readOnly = !roleAllows(tenant.data.myRole, 'operator');

  return (
    <DynamicPage
      className="page"
      titleArea={
        <DynamicPageTitle
          breadcrumbs={
            <PageBreadcrumbs
              items={[
                { text: t('tenants.title'), href: paths.home.getHref() },
                { text: tenant.data.name, href: paths.tenant.getHref(tenantId) },
                { text: c.displayName },
              ]}
            />
          }
          heading={
            <Title level="H2" size="H3">
              {c.displayName} <SandboxTag sandbox={c.sandbox} />
            </Title>
          }
        />
      }
      headerArea={
        <DynamicPageHeader>
          <WizardHeader connection={c} />
        </DynamicPageHeader>
      }
    >
      <ReadOnlyHint role={tenant.data.myRole} />
      <SandboxStrip sandbox={c.sandbox} />
      <HealthPanel
        tenantId={tenantId}
        connectionId={connectionId}
        role={tenant.data.myRole}
        onGoToStep={goToStep}
        repair={<RepairButton tenantId={tenantId} connectionId={connectionId} />}
      />
      {/* It reads both SAP systems with the stored credentials: operators and admins only, as the API. */}
      {roleAllows(tenant.data.myRole, 'operator') && (
        <TrustRotationPanel tenantId={tenantId} connectionId={connectionId} connectionName={c.displayName} role={tenant.data.myRole} />
      )}
      <AssistedSetupPanel connection={c} role={tenant.data.myRole} onGoToStep={goToStep} onReload={() => void connection.refetch()} />
      <ConnectionWizard connection={c} readOnly={readOnly} onReload={() => void connection.refetch()} />
    </DynamicPage>
  );
}
