import type { User } from '@tcc/shared';
import { ObjectStatus, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';

interface UsersTableProps {
  users: User[];
  meId: string | undefined;
  loading: boolean;
}

export function UsersTable({ users, meId, loading }: UsersTableProps) {
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
        </TableHeaderRow>
      }
    >
      {users.map((user) => (
        <TableRow key={user.id} rowKey={user.id}>
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
        </TableRow>
      ))}
    </Table>
  );
}
