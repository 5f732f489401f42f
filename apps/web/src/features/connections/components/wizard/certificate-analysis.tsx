import type { CertificateAnalysis as Analysis } from '@tcc/shared';
import { FlexBox, MessageStrip, ObjectStatus, Text, Title } from '@ui5/webcomponents-react';
import { FactList } from '../../../../components/fact-list';
import { t } from '../../../../i18n';
import { certificateExpiry, formatDateTime } from '../../../../utils/format';

const EXPIRY_STATE = { ok: 'Positive', soon: 'Critical', expired: 'Negative' } as const;

export function CertificateAnalysis({ certificate: c }: { certificate: Analysis }) {
  const facts = [
    { label: t('certificate.fileName'), value: <Text>{c.fileName}</Text> },
    { label: t('certificate.subject'), value: <Text className="mono">{c.subject}</Text> },
    { label: t('certificate.cn'), value: <Text className="mono">{c.cn}</Text> },
    { label: t('certificate.issuer'), value: <Text className="mono">{c.issuer}</Text> },
    { label: t('certificate.fingerprint'), value: <Text className="mono break">{c.fingerprintSha256}</Text> },
    { label: t('certificate.serial'), value: <Text className="mono break">{c.serialNumber}</Text> },
    { label: t('certificate.validity'), value: <Text>{t('certificate.validityValue', { from: formatDateTime(c.notBefore), to: formatDateTime(c.notAfter) })}</Text> },
    { label: t('certificate.daysToExpiry'), value: <ObjectStatus state={EXPIRY_STATE[certificateExpiry(c.notAfter).level]}>{c.daysToExpiry}</ObjectStatus> },
    { label: t('certificate.key'), value: <Text>{t('certificate.keyValue', { type: c.keyType, size: c.keySize ?? '' })}</Text> },
    { label: t('certificate.uploadedBy'), value: <Text>{t('common.changedBy', { date: formatDateTime(c.uploadedAt), user: c.uploadedBy })}</Text> },
  ];
  return (
    <FlexBox direction="Column" className="step-section">
      <Title level="H4" size="H5">{t('certificate.analysis')}</Title>
      {c.warnings.map((warning) => (
        <MessageStrip key={warning.code} design="Critical" hideCloseButton data-warning-code={warning.code}>
          {warning.message}
        </MessageStrip>
      ))}
      <FactList facts={facts} />
    </FlexBox>
  );
}
