import { BusyIndicator, DynamicPage, DynamicPageTitle, Title, Toolbar, ToolbarButton } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { PageBreadcrumbs } from '../../components/page-breadcrumbs';
import { PageMessage } from '../../components/page-message';
import { paths } from '../../config/paths';
import { ConnectionsList } from '../../features/connections/components/connections-list';
import { useTenant } from '../../features/tenants/api/get-tenant';
import { t } from '../../i18n';

export function TenantRoute() {
  const tenantId = useParams().tenantId!;
  const tenant = useTenant(tenantId);
  const [adding, setAdding] = useState(false);
  if (tenant.isPending) return <BusyIndicator active className="page-busy" text={t('app.loading')} />;
  if (tenant.isError) return <PageMessage error={tenant.error} />;

  return (
    <DynamicPage
      className="page"
      titleArea={
        <DynamicPageTitle
          breadcrumbs={<PageBreadcrumbs items={[{ text: t('tenants.title'), href: paths.home.getHref() }, { text: tenant.data.name }]} />}
          heading={<Title level="H2" size="H3">{tenant.data.name}</Title>}
          actionsBar={
            <Toolbar design="Transparent">
              <ToolbarButton design="Emphasized" icon="add" text={t('connections.add')} onClick={() => setAdding(true)} />
            </Toolbar>
          }
        />
      }
    >
      <ConnectionsList tenantId={tenantId} adding={adding} onAddingChange={setAdding} />
    </DynamicPage>
  );
}
