import type { AlertChannel } from '@tcc/shared';
import { Text } from '@ui5/webcomponents-react';
import { FormDialog } from '../../../components/form-dialog';
import { t } from '../../../i18n';
import { useDeleteAlertChannel } from '../api/delete-alert-channel';

interface DeleteAlertChannelDialogProps {
  tenantId: string;
  channel: AlertChannel;
  onClose: () => void;
  onDeleted: () => void;
}

/** Confirmation first: the channel's delivery log goes with it. */
export function DeleteAlertChannelDialog({ tenantId, channel, onClose, onDeleted }: DeleteAlertChannelDialogProps) {
  const remove = useDeleteAlertChannel();
  return (
    <FormDialog
      open
      headerText={t('alerts.delete.title')}
      submitText={t('common.delete')}
      submitDesign="Negative"
      busy={remove.isPending}
      error={remove.error}
      onSubmit={() => remove.mutate({ tenantId, channelId: channel.id }, { onSuccess: onDeleted })}
      onClose={onClose}
    >
      <Text>{t('alerts.delete.text', { name: channel.name })}</Text>
    </FormDialog>
  );
}
