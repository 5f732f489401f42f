import { LIMITS, RenameConnectionSchema, type ConnectionSummary } from '@tcc/shared';
import { useState } from 'react';
import { FormDialog } from '../../../components/form-dialog';
import { FormInput } from '../../../components/form-input';
import { t } from '../../../i18n';
import { apiFieldError } from '../../../lib/api-client';
import { focusFirstInvalid } from '../../../utils/focus';
import { fieldErrors } from '../../../utils/zod-errors';
import { useRenameConnection } from '../api/rename-connection';

interface RenameConnectionDialogProps {
  connection: ConnectionSummary;
  onClose: () => void;
}

export function RenameConnectionDialog({ connection, onClose }: RenameConnectionDialogProps) {
  const [displayName, setDisplayName] = useState(connection.displayName);
  const [error, setError] = useState<string>();
  const rename = useRenameConnection();

  const submit = () => {
    const parsed = RenameConnectionSchema.safeParse({ displayName, version: connection.version });
    if (!parsed.success) {
      setError(fieldErrors(parsed.error).displayName);
      return focusFirstInvalid(['connection-rename']);
    }
    setError(undefined);
    rename.mutate({ tenantId: connection.tenantId, connectionId: connection.id, ...parsed.data }, { onSuccess: onClose });
  };

  return (
    <FormDialog
      open
      headerText={t('connections.dialog.renameTitle')}
      submitText={t('common.save')}
      busy={rename.isPending}
      error={rename.error}
      shownFields={['displayName']}
      onSubmit={submit}
      onClose={onClose}
    >
      <FormInput
        id="connection-rename"
        label={t('connections.field.displayName')}
        value={displayName}
        onChange={(value) => {
          setDisplayName(value);
          setError(undefined);
        }}
        error={error ?? apiFieldError(rename.error, 'displayName')}
        maxlength={LIMITS.connectionNameMax}
        required
      />
    </FormDialog>
  );
}
