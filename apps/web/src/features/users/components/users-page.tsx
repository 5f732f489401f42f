import { ERROR_CODES, type User } from '@tcc/shared';
import { Button, DynamicPage, DynamicPageTitle, Text, Title, Toolbar, ToolbarButton } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorStrip } from '../../../components/error-strip';
import { IllustratedMessage } from '../../../components/illustrated-message';
import { useToast } from '../../../components/toast-provider';
import { paths } from '../../../config/paths';
import { t } from '../../../i18n';
import { ApiError } from '../../../lib/api-client';
import { useMe } from '../../auth/api/get-me';
import { useUsers } from '../api/get-users';
import { useUpdateUser } from '../api/update-user';
import { CreateUserDialog } from './create-user-dialog';
import { UsersTable } from './users-table';

/** System admins only; the server decides (403 NOT_ALLOWED), the page explains. */
export function UsersPage() {
  const navigate = useNavigate();
  const toast = useToast();
  const me = useMe().data?.user;
  const users = useUsers();
  const [creating, setCreating] = useState(false);
  const update = useUpdateUser();
  const toggleDisabled = (user: User) =>
    update.mutate(
      { userId: user.id, body: { disabled: !user.disabled } },
      { onSuccess: (changed) => toast(t(changed.disabled ? 'users.disabledToast' : 'users.enabledToast', { username: changed.username })) },
    );

  const forbidden = users.error instanceof ApiError && users.error.status === 403 && users.error.code === ERROR_CODES.forbidden;
  if (forbidden) {
    return (
      <IllustratedMessage name="TntLock" titleText={t('users.forbidden.title')} subtitleText={t('users.forbidden.text')}>
        <Button design="Emphasized" onClick={() => navigate(paths.home.getHref())}>
          {t('app.backToTenants')}
        </Button>
      </IllustratedMessage>
    );
  }

  return (
    <DynamicPage
      className="page"
      titleArea={
        <DynamicPageTitle
          heading={<Title level="H2" size="H3">{t('users.title')}</Title>}
          subheading={<Text>{t('users.subtitle')}</Text>}
          actionsBar={
            <Toolbar design="Transparent">
              <ToolbarButton design="Emphasized" icon="add-employee" text={t('users.create')} onClick={() => setCreating(true)} />
            </Toolbar>
          }
        />
      }
    >
      <ErrorStrip error={users.error} />
      <ErrorStrip error={update.error} />
      <UsersTable
        users={users.data?.items ?? []}
        meId={me?.id}
        loading={users.isFetching}
        onToggleDisabled={toggleDisabled}
        busyId={update.isPending ? (update.variables?.userId ?? null) : null}
      />
      {creating && (
        <CreateUserDialog
          onClose={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            toast(t('users.created', { username: user.username }));
          }}
        />
      )}
    </DynamicPage>
  );
}
