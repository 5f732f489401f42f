import { createPrivateKey, X509Certificate } from 'node:crypto';
import { ERROR_CODES, LIMITS } from '@tcc/shared';
import { InputError, PayloadTooLargeError, UnprocessableError } from '../http/errors.js';
import { bareBase64Der, isCutShort, isPkcs12 } from './der-shape.js';

const DOWNLOAD_HINT = 'In the BTP cockpit open Connectivity > Destinations and choose Download Trust, then upload that .pem file.';

export interface CertificateFile {
  /** The first certificate of the file: BTP's Download Trust gives exactly one. */
  certificate: X509Certificate;
}

/** Decodes the upload; a `data:…;base64,` prefix from a browser FileReader is accepted. */
export function decodeUpload(contentBase64: string): Buffer {
  const payload = contentBase64.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) {
    throw new InputError('The upload is not valid base64. Choose the file again.', [{ field: 'contentBase64', message: 'Not base64.' }]);
  }
  const bytes = Buffer.from(payload, 'base64');
  if (bytes.length === 0) throw new InputError(`The file is empty. ${DOWNLOAD_HINT}`, [{ field: 'contentBase64', message: 'Empty file.' }]);
  if (bytes.length > LIMITS.certificateMaxBytes) {
    throw new PayloadTooLargeError(
      `The file has ${Math.ceil(bytes.length / 1024)} KiB; a trust certificate is about 1 KiB and at most ${LIMITS.certificateMaxBytes / 1024} KiB. ${DOWNLOAD_HINT}`,
    );
  }
  return bytes;
}

const refusePrivateKey = (): never => {
  // The key material is dropped with the request: nothing of it is stored or logged.
  throw new UnprocessableError(
    ERROR_CODES.privateKeyRefused,
    'This file contains a private key, so it was refused and not stored. Never share a private key: S/4HANA needs only the subaccount’s public trust certificate. ' +
      DOWNLOAD_HINT,
  );
};

const notACertificate = (what: string): never => {
  throw new UnprocessableError(ERROR_CODES.notACertificate, `${what} ${DOWNLOAD_HINT}`);
};

const incomplete = (what: string): never =>
  notACertificate(`The file is incomplete: ${what} It was probably cut short while downloading or copying; download it again.`);

const refuseKeyStore = (): never =>
  notACertificate(
    'This is a PKCS#12 key store (.p12 or .pfx), not a certificate. Such a file usually holds a private key too, so it was not stored: ' +
      'S/4HANA needs only the public trust certificate, as a .pem or .cer file.',
  );

function isDerPrivateKey(bytes: Buffer): boolean {
  const attempts = [
    { type: 'pkcs8' as const },
    { type: 'pkcs1' as const },
    { type: 'sec1' as const },
  ];
  return attempts.some(({ type }) => {
    try {
      createPrivateKey({ key: bytes, format: 'der', type });
      return true;
    } catch {
      return false;
    }
  });
}

function readPem(text: string): CertificateFile {
  const labels = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----/g)].map((m) => m[1]!);
  if (labels.some((label) => label.includes('PRIVATE KEY'))) refusePrivateKey();
  const certificates = [...text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((m) => m[0]);
  if (certificates.length === 0) {
    // A BEGIN whose END never comes is a cut-off file, not "a CERTIFICATE, not a certificate".
    if (labels.length === 0 || labels.includes('CERTIFICATE')) {
      incomplete('it has the start of a certificate (-----BEGIN CERTIFICATE-----) but not its end (-----END CERTIFICATE-----).');
    }
    if (labels.some((label) => label.includes('CERTIFICATE REQUEST'))) {
      notACertificate('This is a certificate signing request (CSR), not a certificate.');
    }
    notACertificate(`This PEM file holds ${labels.map((l) => `a ${l}`).join(', ')}, not a certificate.`);
  }
  try {
    return { certificate: new X509Certificate(certificates[0]!) };
  } catch {
    const der = Buffer.from(certificates[0]!.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    if (isCutShort(der)) incomplete('the certificate between its BEGIN and END lines is cut short.');
    return notACertificate('The file looks like a PEM certificate but cannot be read: it may be damaged.');
  }
}

/** DER bytes: a certificate, else what they are instead (private key, PKCS#12 key store, a cut-off certificate). */
function readDer(bytes: Buffer): CertificateFile {
  try {
    return { certificate: new X509Certificate(bytes) };
  } catch {
    if (isDerPrivateKey(bytes)) refusePrivateKey();
    if (isPkcs12(bytes)) refuseKeyStore();
    if (isCutShort(bytes)) incomplete('the certificate in it is cut short.');
    return notACertificate('This file is neither a PEM nor a DER certificate.');
  }
}

/**
 * Reads a trust certificate from PEM, DER or bare base64 DER bytes, refusing anything else with what the admin should do instead.
 * Uses node:crypto, which (unlike node-forge) reads EC keys and accepts BTP's CNs longer than X.520's 64 characters.
 */
export function readCertificateFile(bytes: Buffer): CertificateFile {
  const text = bytes.toString('utf8');
  if (text.includes('-----BEGIN ')) return readPem(text);
  const start = text.trimStart().slice(0, 200);
  if (start.startsWith('<')) {
    if (/EntityDescriptor|urn:oasis:names:tc:SAML/i.test(text)) {
      notACertificate('This is SAML metadata XML, not the trust certificate. Use Download Trust (the certificate), not the SAML metadata.');
    }
    notACertificate('This is an XML or HTML file, not a certificate.');
  }
  if (start.startsWith('{')) notACertificate('This is a JSON file (perhaps a service key), not a certificate.');
  return readDer(bareBase64Der(text) ?? bytes);
}
