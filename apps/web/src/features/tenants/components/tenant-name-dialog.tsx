import { CreateTenantSchema, LIMITS, type Tenant } from '@tcc/shared';
import { useState } from 'react';
import { FormDialog } from '../../../components/form-dialog';
import { FormInput } from '../../../components/form-input';
import { t } from '../../../i18n';
import { apiFieldError } from '../../../lib/api-client';
import { focusFirstInvalid } from '../../../utils/focus';
import { fieldErrors } from '../../../utils/zod-errors';
import { useCreateTenant } from '../api/create-tenant';
import { useRenameTenant } from '../api/rename-tenant';

interface TenantNameDialogProps {
  /** Absent: create a tenant; present: rename it. */
  tenant?: Tenant;
  onClose: () => void;
  onCreated?: (tenant: Tenant) => void;
}

/** Create and rename share one form: both take only a name, validated with the shared schema. */
export function TenantNameDialog({ tenant, onClose, onCreated }: TenantNameDialogProps) {
  const [name, setName] = useState(tenant?.name ?? '');
  const [error, setError] = useState<string>();
  const create = useCreateTenant();
  const rename = useRenameTenant();
  const mutation = tenant ? rename : create;

  const submit = () => {
    const parsed = CreateTenantSchema.safeParse({ name });
    if (!parsed.success) {
      setError(fieldErrors(parsed.error).name);
      return focusFirstInvalid(['tenant-name']);
    }
    setError(undefined);
    if (tenant) rename.mutate({ tenantId: tenant.id, ...parsed.data }, { onSuccess: onClose });
    else create.mutate(parsed.data, { onSuccess: (created) => (onCreated ?? onClose)(created) });
  };

  return (
    <FormDialog
      open
      headerText={tenant ? t('tenants.dialog.renameTitle') : t('tenants.dialog.createTitle')}
      submitText={tenant ? t('common.save') : t('common.create')}
      busy={mutation.isPending}
      error={mutation.error}
      shownFields={['name']}
      onSubmit={submit}
      onClose={onClose}
    >
      <FormInput
        id="tenant-name"
        label={t('tenants.name')}
        value={name}
        onChange={(value) => {
          setName(value);
          setError(undefined);
        }}
        error={error ?? apiFieldError(mutation.error, 'name')}
        placeholder={t('tenants.name.placeholder')}
        maxlength={LIMITS.tenantNameMax}
        required
      />
    </FormDialog>
  );
}
