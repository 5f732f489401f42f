import { CreateConnectionSchema, LIMITS, type ConnectionDetail, type CreateConnection } from '@tcc/shared';
import { CheckBox } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { FormDialog } from '../../../components/form-dialog';
import { FormInput } from '../../../components/form-input';
import { t } from '../../../i18n';
import { apiFieldError } from '../../../lib/api-client';
import { focusFirstInvalid } from '../../../utils/focus';
import { fieldErrors } from '../../../utils/zod-errors';
import { useSandbox } from '../../sandbox/api/get-sandbox';
import { useCreateConnection } from '../api/create-connection';
import { LandscapeComboBox } from './landscape-combo-box';

type Field = Exclude<keyof CreateConnection, 'sandbox'>;
const FIELDS: readonly Field[] = ['displayName', 'subaccountId', 'landscapeDomain', 's4Host', 's4Client'];
const EMPTY: Required<CreateConnection> = { displayName: '', subaccountId: '', landscapeDomain: '', s4Host: '', s4Client: '100', sandbox: false };

interface CreateConnectionDialogProps {
  tenantId: string;
  onClose: () => void;
  onCreated: (connection: ConnectionDetail) => void;
}

export function CreateConnectionDialog({ tenantId, onClose, onCreated }: CreateConnectionDialogProps) {
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const create = useCreateConnection();
  const sandbox = useSandbox().data;

  /** Labelled sandbox, the connection's calls go to the built-in sandbox: its subaccount and system are filled in. */
  const toggleSandbox = (on: boolean) => {
    const system = on ? sandbox?.system : null;
    setForm((prev) => (system ? { ...prev, ...system, sandbox: true } : { ...prev, sandbox: on }));
    setErrors({});
  };

  const set = (field: Field) => (value: string) => {
    setForm((prev) => ({ ...prev, [field]: value }));
    setErrors((prev) => ({ ...prev, [field]: undefined }));
  };
  const submit = () => {
    const parsed = CreateConnectionSchema.safeParse(form);
    if (!parsed.success) {
      const found = fieldErrors(parsed.error);
      setErrors(found);
      return focusFirstInvalid(FIELDS.filter((f) => f in found).map((f) => `connection-${f}`));
    }
    setErrors({});
    create.mutate({ tenantId, ...parsed.data }, { onSuccess: onCreated });
  };
  const errorOf = (field: Field) => errors[field] ?? apiFieldError(create.error, field);
  const input = (field: Exclude<Field, 'landscapeDomain'>, maxlength?: number) => (
    <FormInput
      id={`connection-${field}`}
      label={t(`connections.field.${field}`)}
      value={form[field]}
      onChange={set(field)}
      error={errorOf(field)}
      placeholder={field === 's4Client' ? undefined : t(`connections.field.${field}.placeholder`)}
      maxlength={maxlength}
      required
    />
  );

  return (
    <FormDialog
      open
      headerText={t('connections.dialog.addTitle')}
      submitText={t('common.create')}
      busy={create.isPending}
      error={create.error}
      shownFields={FIELDS}
      onSubmit={submit}
      onClose={onClose}
    >
      {sandbox?.enabled && (
        <CheckBox id="connection-sandbox" text={t('connections.field.sandbox')} checked={form.sandbox} onChange={(event) => toggleSandbox(event.target.checked)} />
      )}
      {input('displayName', LIMITS.connectionNameMax)}
      {input('subaccountId', 36)}
      <LandscapeComboBox
        id="connection-landscapeDomain"
        label={t('connections.field.landscapeDomain')}
        value={form.landscapeDomain}
        error={errorOf('landscapeDomain')}
        placeholder={t('connections.field.landscapeDomain.placeholder')}
        onChange={set('landscapeDomain')}
      />
      {input('s4Host', LIMITS.hostNameMax)}
      {input('s4Client', 3)}
    </FormDialog>
  );
}
