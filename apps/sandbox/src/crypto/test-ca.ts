import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** A throwaway certificate authority and a server certificate it signed, for serving the sandbox over https. */
export interface TestCa {
  /** What a client trusts (NODE_EXTRA_CA_CERTS, or `ca` of node:tls / node:https). */
  caCertificatePem: string;
  serverPrivateKeyPem: string;
  serverCertificatePem: string;
}

export interface TestCaNames {
  /** IP addresses the server certificate names (subjectAltName iPAddress). */
  ips: string[];
  /** Host names the server certificate names (subjectAltName dNSName). */
  dnsNames: string[];
}

const LOOPBACK: TestCaNames = { ips: ['127.0.0.1'], dnsNames: ['localhost'] };

function rsaKeyPair(): { privateKeyPem: string; publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey } {
  // node:crypto makes the key (fast); node-forge only writes the certificates, as keys.ts does.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return {
    privateKeyPem,
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    privateKey: forge.pki.privateKeyFromPem(privateKeyPem),
  };
}

function newCertificate(publicKey: forge.pki.rsa.PublicKey, validDays: number, now: Date): forge.pki.Certificate {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = publicKey;
  // A positive serial: a leading 0x01 byte keeps the DER INTEGER from reading as negative.
  certificate.serialNumber = '01' + randomBytes(8).toString('hex');
  certificate.validity.notBefore = new Date(now.getTime() - 60_000);
  certificate.validity.notAfter = new Date(now.getTime() + validDays * 86_400_000);
  return certificate;
}

const pem = (certificate: forge.pki.Certificate) => forge.pki.certificateToPem(certificate).replace(/\r\n/g, '\n');

/**
 * A CA made at start (never stored) and a server certificate signed by it for the loopback names, so that clients
 * which insist on https with certificate checks (the SAP Cloud SDK's user-token calls, sap-cloud-sdk.md) can reach the
 * sandbox once they trust the CA.
 */
export function createTestCa(names: TestCaNames = LOOPBACK, validDays = 30, now = new Date()): TestCa {
  const caKeys = rsaKeyPair();
  const ca = newCertificate(caKeys.publicKey, validDays, now);
  const caSubject = [
    { shortName: 'CN', value: 'Task Center sandbox test CA' },
    { shortName: 'O', value: 'SAP sandbox (not SAP)' },
  ];
  ca.setSubject(caSubject);
  ca.setIssuer(caSubject);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const serverKeys = rsaKeyPair();
  const server = newCertificate(serverKeys.publicKey, validDays, now);
  server.setSubject([{ shortName: 'CN', value: names.dnsNames[0] ?? names.ips[0] ?? 'localhost' }]);
  server.setIssuer(caSubject);
  server.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
    {
      name: 'subjectAltName',
      altNames: [...names.ips.map((ip) => ({ type: 7, ip })), ...names.dnsNames.map((value) => ({ type: 2, value }))],
    },
  ]);
  server.sign(caKeys.privateKey, forge.md.sha256.create());

  return { caCertificatePem: pem(ca), serverPrivateKeyPem: serverKeys.privateKeyPem, serverCertificatePem: pem(server) };
}
