import { BusyIndicator, Button } from '@ui5/webcomponents-react';
import { Outlet } from 'react-router';
import { PageMessage } from '../../../components/page-message';
import { t } from '../../../i18n';
import { isSignInRequired } from '../../../lib/api-client';
import { useMe } from '../api/get-me';
import '@ui5/webcomponents-icons/dist/v5/refresh.js';

/**
 * Guards every page but sign-in: asks /api/auth/me first. A 401 is turned into the redirect to the sign-in page by
 * lib/react-query (the one place for it), so here it only keeps the busy indicator up until that navigation lands.
 */
export function RequireSession() {
  const me = useMe();
  if (me.isPending || isSignInRequired(me.error)) {
    return <BusyIndicator active className="page-busy" text={t('auth.checking')} />;
  }
  if (me.isError) {
    return (
      <PageMessage error={me.error}>
        <Button design="Emphasized" icon="refresh" onClick={() => void me.refetch()}>
          {t('common.reload')}
        </Button>
      </PageMessage>
    );
  }
  return <Outlet />;
}
