import { roleAllows, type ConnectionDetail } from '@tcc/shared';
import { Button, FlexBox, Text } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { CopyField } from '../../../../components/copy-field';
import { ErrorStrip } from '../../../../components/error-strip';
import { useToast } from '../../../../components/toast-provider';
import { t } from '../../../../i18n';
import { usePutCredentials } from '../../../automation/api/put-credentials';
import { useTenant } from '../../../tenants/api/get-tenant';

/**
 * SAP's rule (≥ 20 characters, a special character, no comma; naming-rules.ts) met by construction, the same form the
 * server generates. Made in the browser with the platform's CSPRNG: it is shown once, to paste into SAP, and sent to
 * the server only when the admin keeps it as the Task Center user password (write-only from then on).
 */
function generatePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  const base64url = btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  return `Tc-${base64url}!`;
}

/** Step 3 by hand: a strong password to paste into Maintain Communication Users, kept for the destination and the test. */
export function GeneratedPassword({ connection, onReload }: { connection: ConnectionDetail; onReload: () => void }) {
  const [password, setPassword] = useState<string | null>(null);
  const [kept, setKept] = useState(false);
  const put = usePutCredentials();
  const toast = useToast();
  const canKeep = roleAllows(useTenant(connection.tenantId).data?.myRole ?? 'viewer', 'admin');

  const keep = () =>
    put.mutate(
      { tenantId: connection.tenantId, connectionId: connection.id, body: { taskCenterUserPassword: password!, version: connection.version } },
      {
        onSuccess: () => {
          setKept(true);
          toast(t('wizard.password.kept'));
        },
      },
    );

  return (
    <FlexBox direction="Column" className="generated-password">
      <Text className="muted">{t('wizard.password.intro')}</Text>
      <FlexBox alignItems="Center" className="generated-password-actions">
        <Button icon="key" onClick={() => (setPassword(generatePassword()), setKept(false))}>
          {t(password ? 'wizard.password.again' : 'wizard.password.generate')}
        </Button>
        {password && canKeep && (
          <Button design="Transparent" icon="save" disabled={kept || put.isPending} onClick={keep}>
            {t(kept ? 'wizard.password.isKept' : 'wizard.password.keep')}
          </Button>
        )}
      </FlexBox>
      {password && <CopyField id="generated-password" label={t('wizard.password.label')} value={password} missingText="" />}
      <ErrorStrip error={put.error} onReload={onReload} />
    </FlexBox>
  );
}
