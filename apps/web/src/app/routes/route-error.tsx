import { Button } from '@ui5/webcomponents-react';
import { useNavigate, useRouteError } from 'react-router';
import { PageMessage } from '../../components/page-message';
import { paths } from '../../config/paths';
import { t } from '../../i18n';

/** Unknown URLs and render errors end here instead of React Router's developer screen. */
export function RouteError() {
  const error = useRouteError();
  const navigate = useNavigate();
  if (error) console.error(error);
  return (
    <PageMessage error={error}>
      <Button design="Emphasized" onClick={() => navigate(paths.home.getHref())}>
        {t('app.backToTenants')}
      </Button>
    </PageMessage>
  );
}
