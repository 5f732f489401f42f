import '../../config/icons';
import '../../i18n/pages';
import { roleAllows } from '@tcc/shared';
import { BusyIndicator, DynamicPage, DynamicPageTitle, Text, Title, Toolbar, ToolbarButton } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { PageBreadcrumbs } from '../../components/page-breadcrumbs';
import { PageMessage } from '../../components/page-message';
import { paths } from '../../config/paths';
import { ConnectionsList } from '../../features/connections/components/connections-list';
import { MembersDialog } from '../../features/members/components/members-dialog';
import { useTenant } from '../../features/tenants/api/get-tenant';
import { DeleteTenantDialog } from '../../features/tenants/components/delete-tenant-dialog';
import { ReadOnlyHint } from '../../features/tenants/components/read-only-hint';
import { TenantNameDialog } from '../../features/tenants/components/tenant-name-dialog';
import { t } from '../../i18n';

type DialogKind = 'rename' | 'delete' | 'members' | null;

export function TenantRoute() {
  const tenantId = useParams().tenantId!;
  const navigate = useNavigate();
  const tenant = useTenant(tenantId);
  const [adding, setAdding] = useState(false);
  const [dialog, setDialog] = useState<DialogKind>(null);
  if (tenant.isPending) return <BusyIndicator active className="page-busy" text={t('app.loading')} />;
  if (tenant.isError) return <PageMessage error={tenant.error} />;
  // Only what the role allows is offered at all; the server refuses the rest anyway (403).
  const admin = roleAllows(tenant.data.myRole, 'admin');

  return (
    <DynamicPage
      className="page"
      titleArea={
        <DynamicPageTitle
          breadcrumbs={<PageBreadcrumbs items={[{ text: t('tenants.title'), href: paths.home.getHref() }, { text: tenant.data.name }]} />}
          heading={<Title level="H2" size="H3">{tenant.data.name}</Title>}
          subheading={<Text>{t('roles.yourRole', { role: t(`roles.${tenant.data.myRole}`) })}</Text>}
          actionsBar={
            <Toolbar design="Transparent">
              {admin && <ToolbarButton design="Emphasized" icon="add" text={t('connections.add')} onClick={() => setAdding(true)} />}
              {admin && <ToolbarButton design="Transparent" icon="group" text={t('members.open')} onClick={() => setDialog('members')} />}
              <ToolbarButton design="Transparent" icon="history" text={t('audit.open')} onClick={() => navigate(paths.tenantAudit.getHref(tenantId))} />
              <ToolbarButton design="Transparent" icon="bell" text={t('monitoring.open')} onClick={() => navigate(paths.tenantMonitoring.getHref(tenantId))} />
              {admin && <ToolbarButton design="Transparent" icon="edit" text={t('common.rename')} onClick={() => setDialog('rename')} />}
              {admin && <ToolbarButton design="Transparent" icon="delete" text={t('common.delete')} onClick={() => setDialog('delete')} />}
            </Toolbar>
          }
        />
      }
    >
      <ReadOnlyHint role={tenant.data.myRole} />
      <ConnectionsList tenantId={tenantId} canManage={admin} canCheck={roleAllows(tenant.data.myRole, 'operator')} adding={adding} onAddingChange={setAdding} />
      {dialog === 'members' && <MembersDialog tenantId={tenantId} onClose={() => setDialog(null)} />}
      {dialog === 'rename' && <TenantNameDialog tenant={tenant.data} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && (
        <DeleteTenantDialog tenant={tenant.data} onClose={() => setDialog(null)} onDeleted={() => navigate(paths.home.getHref(), { replace: true })} />
      )}
    </DynamicPage>
  );
}
