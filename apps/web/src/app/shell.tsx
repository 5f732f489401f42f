import { Avatar, ShellBar, ShellBarBranding } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { Outlet, useNavigate, useParams } from 'react-router';
import { paths } from '../config/paths';
import { useMe } from '../features/auth/api/get-me';
import { initialsOf, ProfileMenu } from '../features/auth/components/profile-menu';
import { useTenant } from '../features/tenants/api/get-tenant';
import { t } from '../i18n';
import '@ui5/webcomponents-icons/dist/v5/employee.js';

/** ShellBar over every page; the tenant being worked on is the secondary title, so admins never mix customers up. */
export function Shell() {
  const navigate = useNavigate();
  const { tenantId } = useParams();
  const tenant = useTenant(tenantId);
  // RequireSession renders the shell only once /me has answered.
  const user = useMe().data?.user;
  const [profileOpener, setProfileOpener] = useState<HTMLElement | null>(null);
  const profileName = user && t('auth.profile', { name: user.displayName });
  return (
    <div className="shell">
      <ShellBar
        branding={<ShellBarBranding onClick={() => navigate(paths.home.getHref())}>{t('app.title')}</ShellBarBranding>}
        secondaryTitle={tenantId ? tenant.data?.name : undefined}
        // The ShellBar's profile button takes its accessible name from the avatar inside it, so the avatar carries it.
        profile={user && <Avatar initials={initialsOf(user)} fallbackIcon="employee" colorScheme="Accent6" accessibleName={profileName} />}
        accessibilityAttributes={{ profile: { name: profileName, hasPopup: 'dialog', expanded: profileOpener !== null } }}
        onProfileClick={(event) => setProfileOpener((open) => (open ? null : event.detail.targetRef))}
      />
      {user && <ProfileMenu user={user} opener={profileOpener} onClose={() => setProfileOpener(null)} />}
      <main className="shell-content">
        <Outlet />
      </main>
    </div>
  );
}
