import type { ConnectionDetail } from '@tcc/shared';
import { Text } from '@ui5/webcomponents-react';
import { FactList } from '../../../../components/fact-list';
import { t } from '../../../../i18n';
import { CertificateExpiryStatus } from '../certificate-expiry-status';
import { ConnectionProgress } from '../connection-progress';
import { ConnectionStateStatus } from '../connection-state-status';

/** The facts an admin checks before typing anything into SAP: which subaccount, which system. */
export function WizardHeader({ connection: c }: { connection: ConnectionDetail }) {
  return (
    <FactList
      className="wizard-header"
      facts={[
        { label: t('wizard.header.subaccount'), value: <Text className="mono">{c.subaccountId}</Text> },
        { label: t('wizard.header.landscape'), value: <Text>{c.landscapeDomain}</Text> },
        { label: t('wizard.header.system'), value: <Text>{t('wizard.header.systemValue', { host: c.s4UiHost, client: c.s4Client })}</Text> },
        { label: t('wizard.header.state'), value: <ConnectionStateStatus connection={c} /> },
        { label: t('wizard.header.progress'), value: <ConnectionProgress progress={c.progress} state={c.state} /> },
        { label: t('wizard.header.certificate'), value: <CertificateExpiryStatus notAfter={c.certificateNotAfter} /> },
      ]}
    />
  );
}
