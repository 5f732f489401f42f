import '../../config/icons';
import '../../i18n/pages';
import { BusyIndicator } from '@ui5/webcomponents-react';
import { useParams } from 'react-router';
import { PageMessage } from '../../components/page-message';
import { AuditLogPage } from '../../features/audit/components/audit-log-page';
import { useTenant } from '../../features/tenants/api/get-tenant';
import { t } from '../../i18n';

export function AuditRoute() {
  const tenantId = useParams().tenantId!;
  const tenant = useTenant(tenantId);
  if (tenant.isPending) return <BusyIndicator active className="page-busy" text={t('app.loading')} />;
  if (tenant.isError) return <PageMessage error={tenant.error} />;
  return <AuditLogPage tenant={tenant.data} />;
}
