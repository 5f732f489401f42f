import type { AuditEvent } from '@tcc/shared';
import { Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';
import { actionLabel } from './action-label';
import { formatTimestamp } from '../../../utils/format';
import { AuditResultStatus } from './audit-result-status';

interface AuditTableProps {
  entries: AuditEvent[];
  loading: boolean;
}

export function AuditTable({ entries, loading }: AuditTableProps) {
  return (
    <Table
      accessibleName={t('audit.table')}
      loading={loading}
      noDataText={t('audit.noMatch')}
      headerRow={
        <TableHeaderRow sticky>
          <TableHeaderCell width="13rem">{t('audit.col.at')}</TableHeaderCell>
          <TableHeaderCell minWidth="8rem">{t('audit.col.actor')}</TableHeaderCell>
          <TableHeaderCell minWidth="10rem">{t('audit.col.action')}</TableHeaderCell>
          <TableHeaderCell minWidth="8rem">{t('audit.col.object')}</TableHeaderCell>
          <TableHeaderCell width="8rem">{t('audit.col.result')}</TableHeaderCell>
          <TableHeaderCell minWidth="10rem">{t('audit.col.detail')}</TableHeaderCell>
        </TableHeaderRow>
      }
    >
      {entries.map((entry) => (
        <TableRow key={entry.id} rowKey={String(entry.id)} data-action={entry.action} data-result={entry.result}>
          <TableCell>
            <Text>
              <time dateTime={entry.at}>{formatTimestamp(entry.at)}</time>
            </Text>
          </TableCell>
          <TableCell><Text>{entry.actor}</Text></TableCell>
          <TableCell><Text>{actionLabel(entry.action)}</Text></TableCell>
          <TableCell><Text className="break">{entry.object ?? ''}</Text></TableCell>
          <TableCell><AuditResultStatus result={entry.result} /></TableCell>
          <TableCell><Text className="break">{entry.detail ?? ''}</Text></TableCell>
        </TableRow>
      ))}
    </Table>
  );
}
