import { X509Certificate } from 'node:crypto';
import { pemToDer, rsaCertificatePem } from '@tcc/testkit';
import { describe, expect, it } from 'vitest';
import { sameCertificate } from './same-certificate.js';

const cn = 'cfapps.eu10.hana.ondemand.com/6b1f0c8e-3d2a-4c5b-9e7f-1a2b3c4d5e6f';
const wanted = pemToDer(rsaCertificatePem({ cn })).toString('base64');
const other = pemToDer(rsaCertificatePem({ cn, serial: '0d0e0f', notAfter: new Date(Date.now() + 800 * 86_400_000) })).toString('base64');

describe('sameCertificate: the signing certificate in whatever form S/4 holds it (sap-field-facts.md row 5)', () => {
  it('when S/4 holds the whole DER, also wrapped in lines, then it is the same', () => {
    expect(sameCertificate(wanted, wanted)).toBe(true);
    expect(sameCertificate(wanted.replace(/(.{64})/g, '$1\n'), wanted)).toBe(true);
  });

  it('when S/4 holds only the public key of that certificate, then it is the same', () => {
    const spki = new X509Certificate(Buffer.from(wanted, 'base64')).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    expect(sameCertificate(spki, wanted)).toBe(true);
  });

  it('when S/4 holds another certificate (a renewed trust), nothing, or garbage, then it is not the same', () => {
    expect(sameCertificate(other, wanted)).toBe(false);
    expect(sameCertificate('', wanted)).toBe(false);
    expect(sameCertificate(undefined, wanted)).toBe(false);
    expect(sameCertificate('not base64 at all', wanted)).toBe(false);
  });
});
