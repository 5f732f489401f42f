import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

/** An EC P-256 self-signed certificate, made with WebCrypto (node-forge cannot make or read EC certificates). */
export async function ecCertificatePem(cn: string): Promise<string> {
  x509.cryptoProvider.set(globalThis.crypto);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await globalThis.crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=${cn}, O=SAP`,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 365 * 86_400_000),
    signingAlgorithm: algorithm,
    keys,
  });
  return certificate.toString('pem');
}
