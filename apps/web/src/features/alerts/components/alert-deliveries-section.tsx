import type { AlertDelivery } from '@tcc/shared';
import { Button, FlexBox, Link, ObjectStatus, Panel, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorStrip } from '../../../components/error-strip';
import { Pager } from '../../../components/pager';
import { paths } from '../../../config/paths';
import { t } from '../../../i18n';
import { formatTimestamp } from '../../../utils/format';
import { useAlertDeliveries } from '../api/get-alert-deliveries';

const STATUS_DESIGN = { delivered: 'Positive', pending: 'Information', failed: 'Negative' } as const;

function DeliveryStatus({ delivery }: { delivery: AlertDelivery }) {
  return (
    <FlexBox direction="Column">
      <ObjectStatus state={STATUS_DESIGN[delivery.status]} showDefaultIcon data-status={delivery.status}>
        {t(`alerts.status.${delivery.status}`)}
      </ObjectStatus>
      {delivery.deliveredAt && <Text className="muted">{formatTimestamp(delivery.deliveredAt)}</Text>}
      {delivery.nextAttemptAt && <Text className="muted">{t('alerts.log.nextAttempt', { at: formatTimestamp(delivery.nextAttemptAt) })}</Text>}
    </FlexBox>
  );
}

function LastError({ delivery }: { delivery: AlertDelivery }) {
  // A delivered webhook's last answer is its 2xx: no error to show.
  const code = delivery.lastStatusCode === null || delivery.status === 'delivered' ? '' : t('alerts.log.statusCode', { code: delivery.lastStatusCode });
  if (delivery.lastError === null && code === '') return <Text>{t('alerts.none')}</Text>;
  return <Text maxLines={3}>{[code, delivery.lastError].filter(Boolean).join(' ')}</Text>;
}

/** The delivery log, newest first, a page at a time: what was sent where, how often it was tried and why it failed. */
export function AlertDeliveriesSection({ tenantId }: { tenantId: string }) {
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const deliveries = useAlertDeliveries(tenantId, page);
  const data = deliveries.data;
  return (
    <Panel fixed headerText={t('alerts.log.title')} headerLevel="H3" className="monitoring-section" data-testid="alert-deliveries">
      <FlexBox direction="Column" className="monitoring-content">
        <FlexBox alignItems="Center" justifyContent="SpaceBetween" wrap="Wrap" className="list-toolbar">
          <Text className="muted instructions">{t('alerts.log.text')}</Text>
          {/* Retries happen in the background: the log does not refresh by itself. */}
          <Button design="Transparent" icon="refresh" onClick={() => void deliveries.refetch()}>
            {t('alerts.log.refresh')}
          </Button>
        </FlexBox>
        <ErrorStrip error={deliveries.error} />
        <Table
          accessibleName={t('alerts.log.title')}
          loading={deliveries.isFetching}
          overflowMode="Popin"
          noDataText={t('alerts.log.empty')}
          headerRow={
            <TableHeaderRow>
              <TableHeaderCell minWidth="11rem">{t('alerts.log.col.time')}</TableHeaderCell>
              <TableHeaderCell minWidth="9rem">{t('alerts.log.col.channel')}</TableHeaderCell>
              <TableHeaderCell minWidth="10rem">{t('alerts.log.col.event')}</TableHeaderCell>
              <TableHeaderCell minWidth="9rem">{t('alerts.log.col.status')}</TableHeaderCell>
              <TableHeaderCell width="6rem">{t('alerts.log.col.attempts')}</TableHeaderCell>
              <TableHeaderCell minWidth="14rem">{t('alerts.log.col.error')}</TableHeaderCell>
            </TableHeaderRow>
          }
        >
          {(data?.items ?? []).map((d) => (
            <TableRow key={d.id} rowKey={d.id} className="alert-delivery" data-event={d.event} data-status={d.status}>
              <TableCell><Text>{formatTimestamp(d.createdAt)}</Text></TableCell>
              <TableCell><Text>{d.channelName}</Text></TableCell>
              <TableCell>
                <FlexBox direction="Column">
                  <Text>{t(`alerts.event.${d.event}`)}{d.digest ? ` · ${t('alerts.log.inDigest')}` : ''}</Text>
                  {d.connectionId && (
                    <Link
                      href={paths.connection.getHref(tenantId, d.connectionId)}
                      onClick={(event) => {
                        event.preventDefault();
                        navigate(paths.connection.getHref(tenantId, d.connectionId!));
                      }}
                    >
                      {t('alerts.log.openConnection')}
                    </Link>
                  )}
                </FlexBox>
              </TableCell>
              <TableCell><DeliveryStatus delivery={d} /></TableCell>
              <TableCell><Text>{d.attempts}</Text></TableCell>
              <TableCell><LastError delivery={d} /></TableCell>
            </TableRow>
          ))}
        </Table>
        {data && <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
      </FlexBox>
    </Panel>
  );
}
