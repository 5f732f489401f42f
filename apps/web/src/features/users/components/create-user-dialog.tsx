import { AUTH_LIMITS, CreateUserSchema, type User } from '@tcc/shared';
import { CheckBox, FlexBox, Text } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { FormDialog } from '../../../components/form-dialog';
import { FormInput } from '../../../components/form-input';
import { t } from '../../../i18n';
import { apiFieldError } from '../../../lib/api-client';
import { focusFirstInvalid } from '../../../utils/focus';
import { fieldErrors } from '../../../utils/zod-errors';
import { useCreateUser } from '../api/create-user';

const FIELDS = ['username', 'displayName', 'password'] as const;
type Field = (typeof FIELDS)[number];
const inputId = (field: Field) => `create-user-${field}`;

interface CreateUserDialogProps {
  onClose: () => void;
  onCreated: (user: User) => void;
}

/** A local account: validated with the shared schema first; the server's answers (e.g. a taken user name) show in the dialog. */
export function CreateUserDialog({ onClose, onCreated }: CreateUserDialogProps) {
  const [values, setValues] = useState<Record<Field, string>>({ username: '', displayName: '', password: '' });
  const [systemAdmin, setSystemAdmin] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const create = useCreateUser();

  const change = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const errorOf = (field: Field) => errors[field] ?? apiFieldError(create.error, field);

  const submit = () => {
    const parsed = CreateUserSchema.safeParse({ ...values, systemAdmin });
    if (!parsed.success) {
      const found = fieldErrors(parsed.error);
      setErrors(found);
      return focusFirstInvalid(FIELDS.filter((field) => found[field]).map(inputId));
    }
    setErrors({});
    create.mutate(parsed.data, { onSuccess: onCreated });
  };

  return (
    <FormDialog
      open
      headerText={t('users.dialog.title')}
      submitText={t('common.create')}
      busy={create.isPending}
      error={create.error}
      shownFields={FIELDS}
      onSubmit={submit}
      onClose={onClose}
    >
      <FormInput
        id={inputId('username')}
        label={t('users.field.username')}
        value={values.username}
        onChange={change('username')}
        error={errorOf('username')}
        placeholder={t('users.field.username.placeholder')}
        maxlength={AUTH_LIMITS.usernameMax}
        name="username"
        required
      />
      <FormInput
        id={inputId('displayName')}
        label={t('users.field.displayName')}
        value={values.displayName}
        onChange={change('displayName')}
        error={errorOf('displayName')}
        placeholder={t('users.field.displayName.placeholder')}
        maxlength={AUTH_LIMITS.usernameMax}
        required
      />
      <FlexBox direction="Column" className="form-field">
        <FormInput
          id={inputId('password')}
          label={t('users.field.password')}
          value={values.password}
          onChange={change('password')}
          error={errorOf('password')}
          maxlength={AUTH_LIMITS.passwordMax}
          type="Password"
          name="new-password"
          required
        />
        <Text className="muted">{t('users.field.password.hint')}</Text>
      </FlexBox>
      <FlexBox direction="Column">
        <CheckBox text={t('users.field.systemAdmin')} checked={systemAdmin} onChange={(event) => setSystemAdmin(event.target.checked)} />
        <Text className="muted form-hint-indented">{t('users.field.systemAdmin.hint')}</Text>
      </FlexBox>
    </FormDialog>
  );
}
