import type { ConnectionDetail } from '@tcc/shared';
import { FlexBox, Link, MessageStrip, Text } from '@ui5/webcomponents-react';
import { t } from '../../../../i18n';
import { getTrustCertificateUrl } from '../../api/trust-certificate-url';

interface CertificateDownloadProps {
  connection: ConnectionDetail;
  onGoToStep: (stepId: number) => void;
}

/** Step 8: the same file as step 1, offered again so the admin need not hunt for it in the downloads folder. */
export function CertificateDownload({ connection, onGoToStep }: CertificateDownloadProps) {
  if (!connection.certificate) {
    return (
      <MessageStrip design="Information" hideCloseButton className="step-section">
        {t('certificate.missing')}{' '}
        <Link onClick={() => onGoToStep(1)}>{t('certificate.goToStep1')}</Link>
      </MessageStrip>
    );
  }
  return (
    <FlexBox direction="Column" className="step-section">
      <Link href={getTrustCertificateUrl(connection.tenantId, connection.id)} icon="download" target="_self">
        {t('certificate.download')}
      </Link>
      <Text className="muted">{t('certificate.downloadHint')}</Text>
    </FlexBox>
  );
}
