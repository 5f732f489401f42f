import type { ConnectionSummary } from '@tcc/shared';
import { Text } from '@ui5/webcomponents-react';
import { FormDialog } from '../../../components/form-dialog';
import { t } from '../../../i18n';
import { useDeleteConnection } from '../api/delete-connection';

interface DeleteConnectionDialogProps {
  connection: ConnectionSummary;
  onClose: () => void;
  onDeleted?: () => void;
}

export function DeleteConnectionDialog({ connection, onClose, onDeleted }: DeleteConnectionDialogProps) {
  const remove = useDeleteConnection();
  const submit = () =>
    remove.mutate(
      { tenantId: connection.tenantId, connectionId: connection.id, version: connection.version },
      { onSuccess: onDeleted ?? onClose },
    );
  return (
    <FormDialog
      open
      headerText={t('connections.delete.title')}
      submitText={t('common.delete')}
      submitDesign="Negative"
      busy={remove.isPending}
      error={remove.error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Text>{t('connections.delete.text', { name: connection.displayName })}</Text>
    </FormDialog>
  );
}
