import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface KeyPairWithCertificate {
  privateKeyPem: string;
  publicKeyPem: string;
  certificatePem: string;
  /** Key ID for JWKS, derived from the public key. */
  kid: string;
}

/**
 * A real RSA key pair (node:crypto, fast) with a self-signed X.509 certificate. node-forge writes the certificate
 * because BTP's trust CN (cfapps.<domain>/<GUID>, 66+ characters) is longer than openssl's tools accept.
 */
export function createKeyPair(subject: { shortName: string; value: string }[], validDays: number, now = new Date()): KeyPairWithCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  // A positive serial: a leading 0x01 byte keeps the DER INTEGER from reading as negative.
  certificate.serialNumber = '01' + randomBytes(8).toString('hex');
  certificate.validity.notBefore = new Date(now.getTime() - 60_000);
  certificate.validity.notAfter = new Date(now.getTime() + validDays * 86_400_000);
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  return {
    privateKeyPem,
    publicKeyPem,
    certificatePem: forge.pki.certificateToPem(certificate).replace(/\r\n/g, '\n'),
    kid: createHash('sha256').update(publicKeyPem).digest('base64url').slice(0, 16),
  };
}

/** The certificate's DER bytes in base64, as SAML KeyInfo and S/4's certificate field carry it. */
export function certificateBase64(certificatePem: string): string {
  return certificatePem.replace(/-----[A-Z ]+-----|\s/g, '');
}
