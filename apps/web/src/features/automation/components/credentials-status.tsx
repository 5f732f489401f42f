import type { CredentialsStatus as Status } from '@tcc/shared';
import { FlexBox, ObjectStatus, Text } from '@ui5/webcomponents-react';
import { FactList } from '../../../components/fact-list';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';

interface SecretStatus {
  set: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Set or not, who set it, and the non-secret part an admin recognises (client ID, user) — never a secret. */
function StatusValue({ status, recognise, name, refusedAt = null, unsetText }: { status: SecretStatus; recognise?: string | null; name: string; refusedAt?: string | null; unsetText?: string }) {
  return (
    <FlexBox direction="Column" data-credential={name} data-set={status.set} data-refused={refusedAt !== null}>
      {refusedAt ? (
        // SAP refused it: not "Set" in green, and the product makes no call with it until it is saved again.
        <ObjectStatus state="Negative" showDefaultIcon>
          {t('credentials.refused', { date: formatDateTime(refusedAt) })}
        </ObjectStatus>
      ) : !status.set && unsetText ? (
        // Not set, and nothing is missing because of it (a sandbox connection tests with the sandbox's business user).
        <ObjectStatus state="Information" showDefaultIcon>
          {unsetText}
        </ObjectStatus>
      ) : (
        <ObjectStatus state={status.set ? 'Positive' : 'Critical'} showDefaultIcon>
          {status.set ? t('credentials.set') : t('credentials.notSet')}
        </ObjectStatus>
      )}
      {status.set && recognise && <Text className="mono break">{recognise}</Text>}
      {status.set && status.updatedAt && (
        <Text className="muted">{t('credentials.changed', { date: formatDateTime(status.updatedAt), user: status.updatedBy ?? '' })}</Text>
      )}
    </FlexBox>
  );
}

/** `sandbox`: the connection is labelled sandbox, so Test connection needs no test user of its own. */
export function CredentialsStatus({ status, sandbox = false }: { status: Status; sandbox?: boolean }) {
  const key = status.destinationServiceKey;
  const management = status.communicationManagement;
  return (
    <FactList
      className="credentials-status"
      facts={[
        {
          label: t('credentials.destinationServiceKey'),
          value: <StatusValue name="destinationServiceKey" status={key} recognise={key.clientId && t('credentials.clientId', { clientId: key.clientId })} />,
        },
        {
          label: t('credentials.communicationManagement'),
          value: (
            <StatusValue
              name="communicationManagement"
              status={management}
              refusedAt={management.refusedAt}
              recognise={management.user && t('credentials.user', { user: management.user })}
            />
          ),
        },
        { label: t('credentials.taskCenterUserPassword'), value: <StatusValue name="taskCenterUserPassword" status={status.taskCenterUserPassword} /> },
        {
          label: t('credentials.testUser'),
          value: (
            <StatusValue
              name="testUser"
              status={status.testUser}
              recognise={status.testUser.user && t('credentials.user', { user: status.testUser.user })}
              unsetText={sandbox ? t('credentials.testUser.sandbox') : undefined}
            />
          ),
        },
      ]}
    />
  );
}
