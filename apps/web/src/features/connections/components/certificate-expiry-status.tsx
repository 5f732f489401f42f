import { ObjectStatus } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';
import { certificateExpiry, formatDate } from '../../../utils/format';

/** Critical within LIMITS.certificateExpiryWarningDays, Negative once expired: S/4HANA then rejects the SAML assertions. */
export function CertificateExpiryStatus({ notAfter }: { notAfter: string | null }) {
  if (!notAfter) return <ObjectStatus>{t('connections.certificate.none')}</ObjectStatus>;
  const { level, days } = certificateExpiry(notAfter);
  const date = formatDate(notAfter);
  if (level === 'expired') return <ObjectStatus state="Negative" showDefaultIcon>{t('connections.certificate.expired', { date })}</ObjectStatus>;
  if (level === 'soon') return <ObjectStatus state="Critical" showDefaultIcon>{t('connections.certificate.soon', { date, days })}</ObjectStatus>;
  return <ObjectStatus>{date}</ObjectStatus>;
}
