import { Tag } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';

/** Marks a connection to the built-in SAP sandbox, so nobody mistakes it for a customer's system. */
export function SandboxTag({ sandbox }: { sandbox: boolean }) {
  if (!sandbox) return null;
  return (
    <Tag design="Set2" colorScheme="6" className="sandbox-tag" title={t('connections.sandbox.tooltip')}>
      {t('connections.sandbox')}
    </Tag>
  );
}
