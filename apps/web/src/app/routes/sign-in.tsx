import { ShellBar, ShellBarBranding } from '@ui5/webcomponents-react';
import { SignInPage } from '../../features/auth/components/sign-in-page';
import { t } from '../../i18n';

/** Outside the guarded shell: the same ShellBar branding, without tenant or profile. */
export function SignInRoute() {
  return (
    <div className="shell">
      <ShellBar branding={<ShellBarBranding>{t('app.title')}</ShellBarBranding>} />
      <main className="shell-content">
        <SignInPage />
      </main>
    </div>
  );
}
