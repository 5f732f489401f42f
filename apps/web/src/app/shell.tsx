import { ShellBar, ShellBarBranding } from '@ui5/webcomponents-react';
import { Outlet, useNavigate, useParams } from 'react-router';
import { paths } from '../config/paths';
import { useTenant } from '../features/tenants/api/get-tenant';
import { t } from '../i18n';

/** ShellBar over every page; the tenant being worked on is the secondary title, so admins never mix customers up. */
export function Shell() {
  const navigate = useNavigate();
  const { tenantId } = useParams();
  const tenant = useTenant(tenantId);
  return (
    <div className="shell">
      <ShellBar
        branding={<ShellBarBranding onClick={() => navigate(paths.home.getHref())}>{t('app.title')}</ShellBarBranding>}
        secondaryTitle={tenantId ? tenant.data?.name : undefined}
      />
      <main className="shell-content">
        <Outlet />
      </main>
    </div>
  );
}
