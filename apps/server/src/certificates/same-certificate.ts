import { X509Certificate } from 'node:crypto';

/**
 * Whether S/4's `OAuth2IdentityProviderCertificatePublicKeyBase64` holds the certificate `wantedBase64` (DER, base64).
 * The field's format is not published (sap-field-facts.md row 5: the whole DER, or only the public key?), and a
 * service may wrap base64 in lines: so the same certificate, or the same public key, in any of those forms counts.
 */
export function sameCertificate(held: string | undefined, wantedBase64: string): boolean {
  const value = (held ?? '').replace(/\s+/g, '');
  if (!value) return false;
  if (value === wantedBase64) return true;
  let wanted: X509Certificate;
  try {
    wanted = new X509Certificate(Buffer.from(wantedBase64, 'base64'));
  } catch {
    return false;
  }
  const bytes = Buffer.from(value, 'base64');
  if (bytes.equals(wanted.raw)) return true;
  return bytes.equals(wanted.publicKey.export({ type: 'spki', format: 'der' }));
}
