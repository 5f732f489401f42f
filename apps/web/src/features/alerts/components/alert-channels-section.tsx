import type { AlertChannel, AlertTestResultSchema } from '@tcc/shared';
import { Button, FlexBox, Icon, MessageStrip, ObjectStatus, Panel, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text, Title } from '@ui5/webcomponents-react';
import { useState } from 'react';
import type { z } from 'zod';
import { ErrorStrip } from '../../../components/error-strip';
import { useToast } from '../../../components/toast-provider';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';
import { useAlertChannels } from '../api/get-alert-channels';
import { useSendTestAlert } from '../api/send-test-alert';
import { AlertChannelDialog } from './alert-channel-dialog';
import { ChannelSecretDialog } from './channel-secret-dialog';
import { DeleteAlertChannelDialog } from './delete-alert-channel-dialog';

type DialogState =
  | { kind: 'create' }
  | { kind: 'edit' | 'delete'; channel: AlertChannel }
  | { kind: 'secret'; channel: AlertChannel; secret: string }
  | null;

type TestOutcome = { channelName: string; result: z.infer<typeof AlertTestResultSchema> };

const TEST_DESIGN = { delivered: 'Positive', pending: 'Information', failed: 'Negative' } as const;

function TestResultStrip({ outcome, onClose }: { outcome: TestOutcome; onClose: () => void }) {
  const { channelName, result } = outcome;
  const text = t(`alerts.test.${result.status}`, { name: channelName, error: result.lastError ?? t('alerts.none') });
  return (
    <MessageStrip design={TEST_DESIGN[result.status]} onClose={onClose} data-testid="alert-test-result" data-status={result.status}>
      {text}
    </MessageStrip>
  );
}

/** The tenant's alert channels; admins add, change, delete and test them. Secrets are never shown, only whether one is set. */
export function AlertChannelsSection({ tenantId, canEdit }: { tenantId: string; canEdit: boolean }) {
  const toast = useToast();
  const channels = useAlertChannels(tenantId);
  const sendTest = useSendTestAlert();
  const [dialog, setDialog] = useState<DialogState>(null);
  const [outcome, setOutcome] = useState<TestOutcome | null>(null);
  const items = channels.data?.items ?? [];

  const test = (channel: AlertChannel) => {
    setOutcome(null);
    sendTest.mutate({ tenantId, channelId: channel.id }, { onSuccess: (result) => setOutcome({ channelName: channel.name, result }) });
  };
  const saved = (channel: AlertChannel, secret: string | null) => {
    if (secret !== null) setDialog({ kind: 'secret', channel, secret });
    else {
      setDialog(null);
      toast(t('alerts.saved', { name: channel.name }));
    }
  };

  return (
    <Panel fixed headerText={t('alerts.channels.title')} headerLevel="H3" className="monitoring-section" data-testid="alert-channels">
      <FlexBox direction="Column" className="monitoring-content">
        <Text className="muted instructions">{t('alerts.channels.text')}</Text>
        <FlexBox alignItems="Center" justifyContent="SpaceBetween" wrap="Wrap" className="list-toolbar">
          <Title level="H4" size="H5">{t('alerts.channels.count', { count: items.length })}</Title>
          {canEdit && (
            <Button design="Emphasized" icon="add" onClick={() => setDialog({ kind: 'create' })}>
              {t('alerts.add')}
            </Button>
          )}
        </FlexBox>
        <ErrorStrip error={channels.error ?? sendTest.error} />
        {outcome && <TestResultStrip outcome={outcome} onClose={() => setOutcome(null)} />}
        <Table
          accessibleName={t('alerts.channels.title')}
          loading={channels.isFetching}
          overflowMode="Popin"
          noDataText={canEdit ? t('alerts.channels.empty') : t('alerts.channels.emptyReadOnly')}
          headerRow={
            <TableHeaderRow>
              <TableHeaderCell minWidth="10rem">{t('alerts.col.name')}</TableHeaderCell>
              <TableHeaderCell minWidth="7rem">{t('alerts.col.kind')}</TableHeaderCell>
              <TableHeaderCell minWidth="16rem">{t('alerts.col.target')}</TableHeaderCell>
              <TableHeaderCell minWidth="7rem">{t('alerts.col.secret')}</TableHeaderCell>
              <TableHeaderCell minWidth="8rem">{t('alerts.col.delivery')}</TableHeaderCell>
              <TableHeaderCell minWidth="7rem">{t('alerts.col.enabled')}</TableHeaderCell>
              <TableHeaderCell minWidth="10rem" importance={-1}>{t('alerts.col.changed')}</TableHeaderCell>
              {canEdit && <TableHeaderCell horizontalAlign="End" width="12rem">{t('common.actions')}</TableHeaderCell>}
            </TableHeaderRow>
          }
        >
          {items.map((c) => (
            <TableRow key={c.id} rowKey={c.id} data-kind={c.kind} className="alert-channel">
              <TableCell><Text>{c.name}</Text></TableCell>
              <TableCell>
                <FlexBox alignItems="Center" className="gap">
                  <Icon name={c.kind === 'email' ? 'email' : 'chain-link'} mode="Decorative" />
                  <Text>{t(`alerts.kind.${c.kind}`)}</Text>
                </FlexBox>
              </TableCell>
              <TableCell><Text className="break">{c.kind === 'email' ? (c.recipients ?? []).join(', ') : c.url}</Text></TableCell>
              <TableCell>
                <Text data-secret-set={String(c.secretSet)}>{c.kind === 'email' ? t('alerts.none') : c.secretSet ? t('alerts.secret.set') : t('alerts.secret.notSetShort')}</Text>
              </TableCell>
              <TableCell><Text>{c.digest ? t('alerts.delivery.digest') : t('alerts.delivery.each')}</Text></TableCell>
              <TableCell>
                <ObjectStatus state={c.enabled ? 'Positive' : 'None'} showDefaultIcon={c.enabled}>
                  {c.enabled ? t('alerts.enabled') : t('alerts.disabled')}
                </ObjectStatus>
              </TableCell>
              <TableCell><Text>{t('common.changedBy', { date: formatDateTime(c.updatedAt), user: c.updatedBy })}</Text></TableCell>
              {canEdit && (
                <TableCell horizontalAlign="End">
                  <Button
                    design="Transparent"
                    icon="paper-plane"
                    loading={sendTest.isPending && sendTest.variables?.channelId === c.id}
                    disabled={sendTest.isPending}
                    accessibleName={t('alerts.test.sendOf', { name: c.name })}
                    tooltip={t('alerts.test.send')}
                    onClick={() => test(c)}
                  >
                    {t('alerts.test.sendShort')}
                  </Button>
                  <Button design="Transparent" icon="edit" accessibleName={t('alerts.editOf', { name: c.name })} tooltip={t('alerts.edit')} onClick={() => setDialog({ kind: 'edit', channel: c })} />
                  <Button design="Transparent" icon="delete" accessibleName={t('alerts.deleteOf', { name: c.name })} tooltip={t('common.delete')} onClick={() => setDialog({ kind: 'delete', channel: c })} />
                </TableCell>
              )}
            </TableRow>
          ))}
        </Table>
      </FlexBox>
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <AlertChannelDialog tenantId={tenantId} channel={dialog.kind === 'edit' ? dialog.channel : undefined} onClose={() => setDialog(null)} onSaved={saved} />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteAlertChannelDialog
          tenantId={tenantId}
          channel={dialog.channel}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            setDialog(null);
            setOutcome(null);
            toast(t('alerts.deleted', { name: dialog.channel.name }));
          }}
        />
      )}
      {dialog?.kind === 'secret' && <ChannelSecretDialog channelName={dialog.channel.name} secret={dialog.secret} onClose={() => setDialog(null)} />}
    </Panel>
  );
}
