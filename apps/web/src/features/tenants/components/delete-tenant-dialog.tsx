import type { Tenant } from '@tcc/shared';
import { Text } from '@ui5/webcomponents-react';
import { FormDialog } from '../../../components/form-dialog';
import { t } from '../../../i18n';
import { useDeleteTenant } from '../api/delete-tenant';

interface DeleteTenantDialogProps {
  tenant: Tenant;
  onClose: () => void;
  onDeleted?: () => void;
}

export function DeleteTenantDialog({ tenant, onClose, onDeleted }: DeleteTenantDialogProps) {
  const remove = useDeleteTenant();
  return (
    <FormDialog
      open
      headerText={t('tenants.delete.title')}
      submitText={t('common.delete')}
      submitDesign="Negative"
      busy={remove.isPending}
      error={remove.error}
      onSubmit={() => remove.mutate(tenant.id, { onSuccess: onDeleted ?? onClose })}
      onClose={onClose}
    >
      <Text>{t('tenants.delete.text', { name: tenant.name, count: tenant.connectionCount })}</Text>
    </FormDialog>
  );
}
