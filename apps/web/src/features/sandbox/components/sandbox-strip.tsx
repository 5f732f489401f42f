import { Link, MessageStrip } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';
import { useSandbox } from '../api/get-sandbox';

/** On a sandbox connection, says where the simulated SAP apps are, so a newcomer can do every step in the browser. */
export function SandboxStrip({ sandbox }: { sandbox: boolean }) {
  const info = useSandbox();
  if (!sandbox) return null;
  const url = info.data?.cockpitUrl;
  return (
    <MessageStrip design="Information" hideCloseButton className="sandbox-strip">
      {url ? (
        <>
          {t('sandbox.strip')}{' '}
          <Link href={url} target="_blank">
            {t('sandbox.open')}
          </Link>
        </>
      ) : (
        t('sandbox.off')
      )}
    </MessageStrip>
  );
}
