import type { X509Certificate } from 'node:crypto';
import { LIMITS, expectedTrustCn, parseTrustCn, type CertificateWarning } from '@tcc/shared';
import type { CertificateFile } from './read-certificate-file.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CertificateFacts {
  pem: string;
  subject: string;
  cn: string;
  issuer: string;
  fingerprintSha256: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  keyType: string;
  keySize: number | null;
  selfSigned: boolean;
}

/** node:crypto prints a name as "OU=…\nO=SAP\nCN=…"; we show it one line, as the cockpit does. */
function oneLine(name: string): string {
  return name.split('\n').join(', ');
}

function commonName(name: string): string {
  const line = name.split('\n').find((part) => part.startsWith('CN='));
  return line ? line.slice(3) : '';
}

function keyDescription(certificate: X509Certificate): { keyType: string; keySize: number | null } {
  const key = certificate.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec') return { keyType: `EC ${details.namedCurve ?? ''}`.trim(), keySize: null };
  return { keyType: (key.asymmetricKeyType ?? 'unknown').toUpperCase(), keySize: details.modulusLength ?? null };
}

export function certificateFacts({ certificate }: CertificateFile): CertificateFacts {
  return {
    pem: certificate.toString(),
    subject: oneLine(certificate.subject),
    cn: commonName(certificate.subject),
    issuer: oneLine(certificate.issuer),
    fingerprintSha256: certificate.fingerprint256,
    serialNumber: certificate.serialNumber.toUpperCase(),
    notBefore: new Date(certificate.validFrom).toISOString(),
    notAfter: new Date(certificate.validTo).toISOString(),
    ...keyDescription(certificate),
    selfSigned: certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey),
  };
}

export function daysToExpiry(notAfter: string, now: Date): number {
  return Math.floor((Date.parse(notAfter) - now.getTime()) / DAY_MS);
}

export interface ConnectionIdentity {
  subaccountId: string;
  landscapeDomain: string;
}

/**
 * Everything worth a second look before the CN goes into S/4HANA as "OAuth 2.0 SAML Issuer". Uploads that are expired,
 * not yet valid or of another subaccount are refused (refuse-unusable-certificate.ts); those warnings remain for a
 * certificate that expired after its upload, or one saved before such uploads were refused.
 */
export function certificateWarnings(
  facts: Pick<CertificateFacts, 'cn' | 'notBefore' | 'notAfter'>,
  connection: ConnectionIdentity,
  now: Date,
): CertificateWarning[] {
  const warnings: CertificateWarning[] = [];
  const days = daysToExpiry(facts.notAfter, now);
  if (Date.parse(facts.notAfter) <= now.getTime()) {
    warnings.push({ code: 'EXPIRED', message: `The certificate expired on ${facts.notAfter.slice(0, 10)}. Renew the trust in the BTP cockpit (Destination Trust) and download it again.` });
  } else if (days < LIMITS.certificateExpiryWarningDays) {
    warnings.push({ code: 'EXPIRES_SOON', message: `The certificate expires in ${days} days (${facts.notAfter.slice(0, 10)}). Plan a rotation through the passive certificate.` });
  }
  if (Date.parse(facts.notBefore) > now.getTime()) {
    warnings.push({ code: 'NOT_YET_VALID', message: `The certificate is valid only from ${facts.notBefore}. Check the clock, or download the active certificate.` });
  }
  const expected = expectedTrustCn(connection.landscapeDomain, connection.subaccountId);
  const parsed = parseTrustCn(facts.cn);
  if (!parsed) {
    warnings.push({
      code: 'CN_NOT_TRUST_FORMAT',
      message: `The CN "${facts.cn}" is not of the form cfapps.<landscape domain>/<subaccount GUID>, so it is probably not a BTP trust certificate. Expected ${expected}.`,
    });
  } else {
    if (parsed.subaccountId !== connection.subaccountId.toLowerCase()) {
      warnings.push({
        code: 'CN_OTHER_SUBACCOUNT',
        message: `The certificate belongs to subaccount ${parsed.subaccountId}, but this connection is for ${connection.subaccountId}. Download the trust certificate of the right subaccount.`,
      });
    }
    if (parsed.landscapeDomain !== connection.landscapeDomain) {
      warnings.push({
        code: 'CN_OTHER_LANDSCAPE',
        message: `The certificate names landscape ${parsed.landscapeDomain}, but this connection is set to ${connection.landscapeDomain}. Check the connection’s region.`,
      });
    }
  }
  return warnings;
}
