import { useQueryClient } from '@tanstack/react-query';
import { ShellBar, ShellBarBranding } from '@ui5/webcomponents-react';
import { useEffect } from 'react';
import { SignInPage } from '../../features/auth/components/sign-in-page';
import { t } from '../../i18n';

/** Outside the guarded shell: the same ShellBar branding, without tenant or profile. */
export function SignInRoute() {
  // Whatever was cached belonged to the session that ended (sign-out, expiry) or to none. Cleared here, once the
  // guarded pages are gone: cleared while they still showed, their queries would ask again (lib/react-query).
  const queryClient = useQueryClient();
  useEffect(() => queryClient.clear(), [queryClient]);
  return (
    <div className="shell">
      <ShellBar branding={<ShellBarBranding>{t('app.title')}</ShellBarBranding>} />
      <main className="shell-content">
        <SignInPage />
      </main>
    </div>
  );
}
