import type { ConnectionSummary } from '@tcc/shared';
import { Button, Link, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text, type TablePropTypes } from '@ui5/webcomponents-react';
import { useNavigate } from 'react-router';
import type { SortOrder } from '../../../components/sort-control';
import { paths } from '../../../config/paths';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';
import { HealthChecksTimes, HealthSummaryStatus } from '../../health/components/health-status';
import { CertificateExpiryStatus } from './certificate-expiry-status';
import { ConnectionProgress } from './connection-progress';
import { ConnectionStateStatus } from './connection-state-status';
import { LastTestStatus } from './last-test-status';
import { SandboxTag } from './sandbox-tag';

interface ConnectionsTableProps {
  tenantId: string;
  connections: ConnectionSummary[];
  sort: string;
  order: SortOrder;
  loading: boolean;
  /** Without it (viewers, operators) the rename/delete column is left out. */
  canManage: boolean;
  onRename: (connection: ConnectionSummary) => void;
  onDelete: (connection: ConnectionSummary) => void;
}

export function ConnectionsTable({ tenantId, connections, sort, order, loading, canManage, onRename, onDelete }: ConnectionsTableProps) {
  const navigate = useNavigate();
  const indicator = (key: string) => (sort === key ? (order === 'asc' ? 'Ascending' : 'Descending') : 'None');
  const href = (id: string) => paths.connection.getHref(tenantId, id);
  const openRow: TablePropTypes['onRowClick'] = (event) => navigate(href(String(event.detail.row.rowKey)));
  // Buttons inside an interactive row: keep their click from also opening the row.
  const act = (fn: () => void) => (event: { stopPropagation: () => void }) => {
    event.stopPropagation();
    fn();
  };

  return (
    <Table
      accessibleName={t('connections.table')}
      loading={loading}
      noDataText={t('connections.noMatch')}
      overflowMode="Popin"
      onRowClick={openRow}
      headerRow={
        <TableHeaderRow sticky>
          <TableHeaderCell sortIndicator={indicator('displayName')} minWidth="10rem">{t('connections.col.name')}</TableHeaderCell>
          <TableHeaderCell minWidth="12rem" importance={-1}>{t('connections.col.subaccount')}</TableHeaderCell>
          <TableHeaderCell minWidth="12rem">{t('connections.col.host')}</TableHeaderCell>
          <TableHeaderCell sortIndicator={indicator('progress')} minWidth="8rem">{t('connections.col.progress')}</TableHeaderCell>
          <TableHeaderCell sortIndicator={indicator('health')} minWidth="14rem">{t('health.col.health')}</TableHeaderCell>
          <TableHeaderCell minWidth="9rem">{t('connections.col.state')}</TableHeaderCell>
          <TableHeaderCell minWidth="6rem" importance={-1}>{t('connections.col.setup')}</TableHeaderCell>
          <TableHeaderCell sortIndicator={indicator('certificateNotAfter')} minWidth="9rem">{t('connections.col.certificate')}</TableHeaderCell>
          <TableHeaderCell minWidth="10rem">{t('connections.col.lastTest')}</TableHeaderCell>
          <TableHeaderCell minWidth="11rem" importance={-1}>{t('health.col.checks')}</TableHeaderCell>
          <TableHeaderCell sortIndicator={indicator('updatedAt')} minWidth="10rem" importance={-1}>{t('connections.col.changed')}</TableHeaderCell>
          {canManage && <TableHeaderCell horizontalAlign="End" width="6.5rem">{t('common.actions')}</TableHeaderCell>}
        </TableHeaderRow>
      }
    >
      {connections.map((c) => (
        <TableRow key={c.id} rowKey={c.id} interactive>
          <TableCell>
            <Link href={href(c.id)} onClick={(event) => { event.preventDefault(); navigate(href(c.id)); }}>
              {c.displayName}
            </Link>
            <SandboxTag sandbox={c.sandbox} />
          </TableCell>
          <TableCell><Text className="mono">{c.subaccountId}</Text></TableCell>
          <TableCell><Text>{t('wizard.header.systemValue', { host: c.s4UiHost, client: c.s4Client })}</Text></TableCell>
          <TableCell><ConnectionProgress progress={c.progress} state={c.state} /></TableCell>
          <TableCell><HealthSummaryStatus health={c.health} /></TableCell>
          <TableCell><ConnectionStateStatus connection={c} /></TableCell>
          <TableCell><Text>{t(`connections.setup.${c.setupMode}`)}</Text></TableCell>
          <TableCell><CertificateExpiryStatus notAfter={c.certificateNotAfter} /></TableCell>
          <TableCell><LastTestStatus lastTest={c.lastTest} /></TableCell>
          <TableCell><HealthChecksTimes health={c.health} /></TableCell>
          <TableCell><Text>{t('common.changedBy', { date: formatDateTime(c.updatedAt), user: c.updatedBy })}</Text></TableCell>
          {canManage && (
            <TableCell horizontalAlign="End">
              <Button design="Transparent" icon="edit" accessibleName={t('connections.renameOf', { name: c.displayName })} tooltip={t('common.rename')} onClick={act(() => onRename(c))} />
              <Button design="Transparent" icon="delete" accessibleName={t('connections.deleteOf', { name: c.displayName })} tooltip={t('common.delete')} onClick={act(() => onDelete(c))} />
            </TableCell>
          )}
        </TableRow>
      ))}
    </Table>
  );
}
