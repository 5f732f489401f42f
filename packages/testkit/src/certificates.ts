import forge from 'node-forge';

const DAY = 24 * 60 * 60 * 1000;

export interface RsaCertificateOptions {
  cn: string;
  notBefore?: Date;
  notAfter?: Date;
  serial?: string;
}

let cachedKeys: forge.pki.rsa.KeyPair | undefined;
/** One RSA key pair per test process: generating one takes ~100 ms. */
export function rsaKeys(): forge.pki.rsa.KeyPair {
  cachedKeys ??= forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  return cachedKeys;
}

/**
 * A self-signed certificate shaped like BTP's trust certificate. node-forge writes CNs longer than X.520's
 * 64 characters, as BTP does (cfapps.eu10.hana.ondemand.com/<GUID> is 66); openssl req refuses them.
 */
export function rsaCertificatePem({ cn, notBefore = new Date(Date.now() - DAY), notAfter = new Date(Date.now() + 700 * DAY), serial = '0a1b2c' }: RsaCertificateOptions): string {
  const keys = rsaKeys();
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = serial;
  certificate.validity.notBefore = notBefore;
  certificate.validity.notAfter = notAfter;
  const name = [
    { shortName: 'OU', value: 'CP Destination Configuration' },
    { shortName: 'O', value: 'SAP' },
    { shortName: 'CN', value: cn },
  ];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.sign(keys.privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(certificate);
}

export function pemToDer(pem: string): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(pem))).getBytes(), 'binary');
}

export function rsaPrivateKeyPem(): string {
  return forge.pki.privateKeyToPem(rsaKeys().privateKey);
}

export function pkcs8PrivateKeyDer(): Buffer {
  const info = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(rsaKeys().privateKey));
  return Buffer.from(forge.asn1.toDer(info).getBytes(), 'binary');
}

export function csrPem(cn: string): string {
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = rsaKeys().publicKey;
  csr.setSubject([{ shortName: 'CN', value: cn }]);
  csr.sign(rsaKeys().privateKey, forge.md.sha256.create());
  return forge.pki.certificationRequestToPem(csr);
}

export function samlMetadataXml(certificatePem: string): string {
  const body = certificatePem.replace(/-----[A-Z ]+-----|\s/g, '');
  return `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="cfapps.eu10.hana.ondemand.com/x"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${body}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor></md:IDPSSODescriptor></md:EntityDescriptor>`;
}

export function toBase64(content: string | Buffer): string {
  return Buffer.from(content).toString('base64');
}

export const days = (n: number) => new Date(Date.now() + n * DAY);

/** A PKCS#12 key store (.p12/.pfx) holding the certificate and its private key, as a keystore export gives. */
export function pkcs12Der(certificatePem: string, password = 'changeit'): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(rsaKeys().privateKey, [forge.pki.certificateFromPem(certificatePem)], password, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
