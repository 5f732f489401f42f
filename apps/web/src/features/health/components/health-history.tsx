import type { HealthEvent } from '@tcc/shared';
import { FlexBox, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text, Title } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { ErrorStrip } from '../../../components/error-strip';
import { Pager } from '../../../components/pager';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';
import { useHealthHistory } from '../api/get-health-history';
import { HealthBadge } from './health-status';

function eventTitle(e: HealthEvent) {
  const state = t(`health.state.${e.state}`);
  if (e.kind === 'transition') {
    return e.previousState ? t('health.history.transition', { from: t(`health.state.${e.previousState}`), to: state }) : t('health.history.firstTransition', { to: state });
  }
  return e.checks > 1 ? t('health.history.checks', { count: e.checks, state }) : t('health.history.check', { state });
}

/** The timeline, newest first, a page at a time: runs of equal checks as one entry, and each change of state. */
export function HealthHistory({ tenantId, connectionId }: { tenantId: string; connectionId: string }) {
  const [page, setPage] = useState(1);
  const history = useHealthHistory(tenantId, connectionId, page);
  const data = history.data;
  return (
    <FlexBox direction="Column" className="health-history" data-testid="health-history">
      <Title level="H4" size="H5">{t('health.history.title')}</Title>
      <ErrorStrip error={history.error} />
      <Table accessibleName={t('health.history.title')} loading={history.isFetching} overflowMode="Popin" noDataText={t('health.history.empty')}
        headerRow={
          <TableHeaderRow>
            <TableHeaderCell minWidth="11rem">{t('health.history.when')}</TableHeaderCell>
            <TableHeaderCell width="8rem">{t('health.panel.state')}</TableHeaderCell>
            <TableHeaderCell minWidth="20rem">{t('health.history.what')}</TableHeaderCell>
          </TableHeaderRow>
        }
      >
        {(data?.items ?? []).map((e) => (
          <TableRow key={e.id} rowKey={e.id} data-kind={e.kind} data-state={e.state} className="health-event">
            <TableCell>
              <Text>{e.checks > 1 ? t('health.history.range', { first: formatDateTime(e.firstAt), last: formatDateTime(e.at) }) : formatDateTime(e.at)}</Text>
            </TableCell>
            <TableCell><HealthBadge state={e.state} /></TableCell>
            <TableCell>
              <FlexBox direction="Column">
                <Text className={e.kind === 'transition' ? 'health-event-transition' : undefined}>{eventTitle(e)}</Text>
                <Text className="muted" maxLines={3}>{e.summary}</Text>
              </FlexBox>
            </TableCell>
          </TableRow>
        ))}
      </Table>
      {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </FlexBox>
  );
}
