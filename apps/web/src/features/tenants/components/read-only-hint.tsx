import { roleAllows, type TenantRole } from '@tcc/shared';
import { MessageStrip } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';

/** Tells a viewer why no change actions are offered; nothing for operators and admins. */
export function ReadOnlyHint({ role }: { role: TenantRole }) {
  if (roleAllows(role, 'operator')) return null;
  return (
    <MessageStrip design="Information" hideCloseButton className="read-only-hint">
      {t('roles.readOnlyHint')}
    </MessageStrip>
  );
}
