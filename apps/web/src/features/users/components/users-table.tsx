import type { User } from '@tcc/shared';
import { Button, FlexBox, ObjectStatus, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';

interface UsersTableProps {
  users: User[];
  meId: string | undefined;
  loading: boolean;
  /** Disables or enables a user (never offered for oneself). */
  onToggleDisabled: (user: User) => void;
  busyId: string | null;
}

export function UsersTable({ users, meId, loading, onToggleDisabled, busyId }: UsersTableProps) {
  return (
    <Table
      accessibleName={t('users.table')}
      loading={loading}
      noDataText={t('users.empty')}
      headerRow={
        <TableHeaderRow sticky>
          <TableHeaderCell minWidth="12rem">{t('users.col.username')}</TableHeaderCell>
          <TableHeaderCell minWidth="12rem">{t('users.col.displayName')}</TableHeaderCell>
          <TableHeaderCell minWidth="10rem">{t('users.col.systemAdmin')}</TableHeaderCell>
          <TableHeaderCell minWidth="12rem">{t('users.col.access')}</TableHeaderCell>
        </TableHeaderRow>
      }
    >
      {users.map((user) => (
        <TableRow key={user.id} rowKey={user.id} data-username={user.username} data-disabled={user.disabled}>
          <TableCell>
            <Text>{user.username}</Text>
          </TableCell>
          <TableCell>
            <Text>
              {user.displayName} {user.id === meId && <span className="muted">{t('users.you')}</span>}
            </Text>
          </TableCell>
          <TableCell>
            {user.systemAdmin ? (
              <ObjectStatus state="Information" showDefaultIcon>{t('common.yes')}</ObjectStatus>
            ) : (
              <Text>{t('common.no')}</Text>
            )}
          </TableCell>
          <TableCell>
            <FlexBox alignItems="Center" className="gap">
              <ObjectStatus state={user.disabled ? 'Negative' : 'Positive'} showDefaultIcon>
                {t(user.disabled ? 'users.disabled' : 'users.enabled')}
              </ObjectStatus>
              {user.id !== meId && (
                <Button
                  design="Transparent"
                  disabled={busyId === user.id}
                  accessibleName={t(user.disabled ? 'users.enable.for' : 'users.disable.for', { username: user.username })}
                  onClick={() => onToggleDisabled(user)}
                >
                  {t(user.disabled ? 'users.enable' : 'users.disable')}
                </Button>
              )}
            </FlexBox>
          </TableCell>
        </TableRow>
      ))}
    </Table>
  );
}
