import { describe, expect, it } from 'vitest';
import { csrPem, days, ecCertificatePem, pemToDer, pkcs8PrivateKeyDer, rsaCertificatePem, rsaPrivateKeyPem, samlMetadataXml, toBase64 } from '@tcc/testkit';
import { storedTexts } from './support/test-database.js';
import { createTenantWithConnection, LANDSCAPE, SUBACCOUNT_ID, useTestServer } from './support/test-server.js';

const ctx = useTestServer();

const TRUST_CN = `cfapps.${LANDSCAPE}/${SUBACCOUNT_ID}`;

async function upload(content: string | Buffer, fileName = 'trust.pem') {
  const { base, connection } = await createTenantWithConnection(ctx.api);
  const answer = await ctx.api.put(`${base}/trust-certificate`, { fileName, contentBase64: toBase64(content), version: connection.version });
  return { answer, base };
}

describe('trust certificate upload (step 1)', () => {
  it('when a BTP-shaped RSA certificate with a 66-character CN is uploaded, then every fact is computed and step 1 is done', async () => {
    expect(TRUST_CN).toHaveLength(66);
    const pem = rsaCertificatePem({ cn: TRUST_CN, serial: '7f00aa' });
    const { answer, base } = await upload(pem);
    expect(answer.status).toBe(200);
    expect(answer.body.certificate).toMatchObject({
      cn: TRUST_CN,
      subject: `OU=CP Destination Configuration, O=SAP, CN=${TRUST_CN}`,
      issuer: `OU=CP Destination Configuration, O=SAP, CN=${TRUST_CN}`,
      serialNumber: '7F00AA',
      keyType: 'RSA',
      keySize: 2048,
      selfSigned: true,
      warnings: [],
    });
    expect(answer.body.certificate.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(answer.body.certificate.daysToExpiry).toBeGreaterThanOrEqual(698);
    expect(answer.body.values.samlIssuer).toBe(TRUST_CN);
    expect(answer.body.steps[0]).toMatchObject({ stepId: 1, status: 'done', updatedBy: 'admin' });

    const download = await ctx.api.get(`${base}/trust-certificate.pem`);
    expect(download.headers.get('content-type')).toMatch(/application\/x-pem-file/);
    expect(download.headers.get('content-disposition')).toContain(`trust-${SUBACCOUNT_ID}.pem`);
    expect(String(download.body).trim()).toBe(pem.replace(/\r\n/g, '\n').trim());
  });

  it('when the certificate is DER, then it is read like PEM', async () => {
    const { answer } = await upload(pemToDer(rsaCertificatePem({ cn: TRUST_CN })), 'trust.der');
    expect(answer.status).toBe(200);
    expect(answer.body.certificate.cn).toBe(TRUST_CN);
  });

  it('when the certificate has an EC key, then it is read too', async () => {
    const { answer } = await upload(await ecCertificatePem(TRUST_CN));
    expect(answer.status).toBe(200);
    expect(answer.body.certificate).toMatchObject({ cn: TRUST_CN, keyType: 'EC prime256v1', keySize: null });
  });

  it('when a saved certificate expires after its upload, then it is shown with an EXPIRED warning and the connection needs attention', async () => {
    // Expired certificates are refused at upload (certificate-refusals.test.ts); one saved while valid expires later.
    const { answer, base } = await upload(rsaCertificatePem({ cn: TRUST_CN, notAfter: new Date(Date.now() + 2_000) }));
    expect(answer.status).toBe(200);
    expect(answer.body.certificate.warnings.map((w: { code: string }) => w.code)).toEqual(['EXPIRES_SOON']);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const later = (await ctx.api.get(base)).body;
    expect(later.certificate.warnings.map((w: { code: string }) => w.code)).toEqual(['EXPIRED']);
    expect(later.state).toBe('needs_attention');
  });

  it('when the certificate expires within 30 days, then it is warned about', async () => {
    const soon = await upload(rsaCertificatePem({ cn: TRUST_CN, notAfter: days(10) }));
    expect(soon.answer.body.certificate.warnings).toEqual([{ code: 'EXPIRES_SOON', message: expect.stringMatching(/expires in 9 days/) }]);
  });

  it('when the CN is not a trust CN or names another landscape for this subaccount, then it warns with the expected CN', async () => {
    const plain = await upload(rsaCertificatePem({ cn: 'example.com' }));
    expect(plain.answer.body.certificate.warnings[0]).toMatchObject({ code: 'CN_NOT_TRUST_FORMAT', message: expect.stringContaining(TRUST_CN) });
    const other = await upload(rsaCertificatePem({ cn: `cfapps.us10.hana.ondemand.com/${SUBACCOUNT_ID}` }));
    expect(other.answer.status).toBe(200);
    expect(other.answer.body.certificate.warnings.map((w: { code: string }) => w.code)).toEqual(['CN_OTHER_LANDSCAPE']);
  });

  it('when a private key is uploaded (PEM or DER), then it is refused and nothing of it is stored', async () => {
    const pem = await upload(rsaPrivateKeyPem(), 'key.pem');
    expect(pem.answer.status).toBe(422);
    expect(pem.answer.body.error).toMatchObject({ code: 'PRIVATE_KEY_REFUSED', message: expect.stringMatching(/private key.*not stored/) });
    const der = await upload(pkcs8PrivateKeyDer(), 'key.der');
    expect(der.answer.body.error.code).toBe('PRIVATE_KEY_REFUSED');
    expect((await ctx.api.get(pem.base)).body).toMatchObject({ certificate: null, steps: expect.arrayContaining([expect.objectContaining({ stepId: 1, status: 'not_started' })]) });
    const keyBody = rsaPrivateKeyPem().split('\n')[3]!;
    const files = await storedTexts(ctx.server.dataDir);
    expect(files.some((content) => content.includes(keyBody))).toBe(false);
    expect(ctx.server.logLines.join('\n')).not.toContain(keyBody);
  });

  it.each([
    ['a CSR', () => csrPem(TRUST_CN), /certificate signing request/],
    ['SAML metadata XML', () => samlMetadataXml(rsaCertificatePem({ cn: TRUST_CN })), /SAML metadata XML/],
    ['random bytes', () => Buffer.from(Array.from({ length: 700 }, (_, i) => (i * 7919) % 256)), /neither a PEM nor a DER certificate/],
    ['a damaged PEM', () => rsaCertificatePem({ cn: TRUST_CN }).replace('-----\r\nMII', '-----\r\nAII'), /cannot be read: it may be damaged/],
    ['a service key JSON', () => '{"clientid":"x"}', /JSON file/],
  ])('when %s is uploaded, then it answers 422 NOT_A_CERTIFICATE saying what it is', async (_label, content, message) => {
    const { answer } = await upload(content());
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('NOT_A_CERTIFICATE');
    expect(answer.body.error.message).toMatch(message);
    expect(answer.body.error.message).toMatch(/Download Trust/);
  });

  it('when the file is over 64 KiB, then it answers 413 with the size', async () => {
    const { answer } = await upload(Buffer.alloc(65 * 1024, 65));
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/65 KiB/) });
  });

  it('when the body itself is far too large, then the JSON limit answers 413 in the error shape', async () => {
    const { base } = await createTenantWithConnection(ctx.api);
    const answer = await ctx.api.put(`${base}/trust-certificate`, { fileName: 'big.pem', contentBase64: 'A'.repeat(400_000), version: 1 });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
