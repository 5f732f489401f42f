import type { Tenant } from '@tcc/shared';
import {
  Button,
  Link,
  ObjectStatus,
  Table,
  TableCell,
  TableHeaderCell,
  TableHeaderRow,
  TableRow,
  Text,
  type TablePropTypes,
} from '@ui5/webcomponents-react';
import { useNavigate } from 'react-router';
import type { SortOrder } from '../../../components/sort-control';
import { paths } from '../../../config/paths';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';
import { TenantHealthCounts } from '../../health/components/tenant-health-counts';
import '@ui5/webcomponents-icons/dist/v5/edit.js';
import '@ui5/webcomponents-icons/dist/v5/delete.js';

interface TenantsTableProps {
  tenants: Tenant[];
  sort: string;
  order: SortOrder;
  loading: boolean;
  onRename: (tenant: Tenant) => void;
  onDelete: (tenant: Tenant) => void;
}

export function TenantsTable({ tenants, sort, order, loading, onRename, onDelete }: TenantsTableProps) {
  const navigate = useNavigate();
  // Rename and delete are for the tenant's admins; the column is left out when the user administers none of them.
  const anyAdmin = tenants.some((tenant) => tenant.myRole === 'admin');
  const indicator = (key: string) => (sort === key ? (order === 'asc' ? 'Ascending' : 'Descending') : 'None');
  const openRow: TablePropTypes['onRowClick'] = (event) => navigate(paths.tenant.getHref(String(event.detail.row.rowKey)));
  // Buttons inside an interactive row: keep their click from also opening the row.
  const act = (fn: () => void) => (event: { stopPropagation: () => void }) => {
    event.stopPropagation();
    fn();
  };

  return (
    <Table
      accessibleName={t('tenants.table')}
      loading={loading}
      noDataText={t('tenants.noMatch')}
      onRowClick={openRow}
      headerRow={
        <TableHeaderRow sticky>
          <TableHeaderCell sortIndicator={indicator('name')} minWidth="12rem">{t('tenants.col.name')}</TableHeaderCell>
          <TableHeaderCell horizontalAlign="End" width="8rem">{t('tenants.col.connections')}</TableHeaderCell>
          <TableHeaderCell horizontalAlign="End" width="8rem">{t('tenants.col.working')}</TableHeaderCell>
          <TableHeaderCell horizontalAlign="End" width="9rem">{t('tenants.col.attention')}</TableHeaderCell>
          <TableHeaderCell minWidth="24rem">{t('health.tenants.col')}</TableHeaderCell>
          <TableHeaderCell sortIndicator={indicator('updatedAt')} minWidth="14rem">{t('tenants.col.changed')}</TableHeaderCell>
          {anyAdmin && <TableHeaderCell horizontalAlign="End" width="7rem">{t('common.actions')}</TableHeaderCell>}
        </TableHeaderRow>
      }
    >
      {tenants.map((tenant) => (
        <TableRow key={tenant.id} rowKey={tenant.id} interactive>
          <TableCell>
            <Link
              href={paths.tenant.getHref(tenant.id)}
              onClick={(event) => {
                event.preventDefault();
                navigate(paths.tenant.getHref(tenant.id));
              }}
            >
              {tenant.name}
            </Link>
          </TableCell>
          <TableCell horizontalAlign="End"><Text>{tenant.connectionCount}</Text></TableCell>
          <TableCell horizontalAlign="End"><Text>{tenant.workingCount}</Text></TableCell>
          <TableCell horizontalAlign="End">
            {tenant.attentionCount > 0 ? <ObjectStatus state="Negative" showDefaultIcon>{tenant.attentionCount}</ObjectStatus> : <Text>0</Text>}
          </TableCell>
          <TableCell><TenantHealthCounts tenant={tenant} /></TableCell>
          <TableCell>
            <Text>{t('common.changedBy', { date: formatDateTime(tenant.updatedAt), user: tenant.updatedBy })}</Text>
          </TableCell>
          {anyAdmin && (
            <TableCell horizontalAlign="End">
              {tenant.myRole === 'admin' && (
                <>
                  <Button design="Transparent" icon="edit" accessibleName={t('tenants.renameOf', { name: tenant.name })} tooltip={t('common.rename')} onClick={act(() => onRename(tenant))} />
                  <Button design="Transparent" icon="delete" accessibleName={t('tenants.deleteOf', { name: tenant.name })} tooltip={t('common.delete')} onClick={act(() => onDelete(tenant))} />
                </>
              )}
            </TableCell>
          )}
        </TableRow>
      ))}
    </Table>
  );
}
