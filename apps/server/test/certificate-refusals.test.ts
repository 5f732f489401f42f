import { findStep } from '@tcc/shared';
import { days, pemToDer, pkcs12Der, rsaCertificatePem, toBase64 } from '@tcc/testkit';
import { describe, expect, it } from 'vitest';
import { createTenantWithConnection, LANDSCAPE, SUBACCOUNT_ID, useTestServer } from './support/test-server.js';

const ctx = useTestServer();

const TRUST_CN = `cfapps.${LANDSCAPE}/${SUBACCOUNT_ID}`;
const OTHER_SUBACCOUNT = '00000000-1111-2222-3333-444444444444';

const put = (base: string, content: string | Buffer, version: number, fileName = 'trust.pem') =>
  ctx.api.put(`${base}/trust-certificate`, { fileName, contentBase64: toBase64(content), version });

/** A connection whose step 1 is done with a good certificate, as before a wrong file is uploaded over it. */
async function connectionWithCertificate() {
  const { base, connection } = await createTenantWithConnection(ctx.api);
  const first = await put(base, rsaCertificatePem({ cn: TRUST_CN, serial: '01aa' }), connection.version);
  expect(first.status).toBe(200);
  return { base, before: first.body };
}

const step = (detail: { steps: { stepId: number }[] }, id: number) => detail.steps.find((s) => s.stepId === id);

describe('step 1 refuses a certificate S/4HANA must not trust for this connection, and keeps what was saved', () => {
  it.each([
    ['expired', () => rsaCertificatePem({ cn: TRUST_CN, notBefore: days(-800), notAfter: days(-3) }), 'CERTIFICATE_EXPIRED', /expired on \d{4}-\d{2}-\d{2}/],
    ['not yet valid', () => rsaCertificatePem({ cn: TRUST_CN, notBefore: days(2), notAfter: days(400) }), 'CERTIFICATE_NOT_YET_VALID', /valid only from/],
    [
      'of another subaccount',
      () => rsaCertificatePem({ cn: `cfapps.${LANDSCAPE}/${OTHER_SUBACCOUNT}` }),
      'CERTIFICATE_OTHER_SUBACCOUNT',
      new RegExp(`subaccount ${OTHER_SUBACCOUNT}.*this connection is for subaccount ${SUBACCOUNT_ID}`),
    ],
  ])('when the certificate is %s, then it answers 422 saying what to download, and step 1 and the saved certificate stay', async (_label, pem, code, message) => {
    const fresh = await createTenantWithConnection(ctx.api);
    const refusedFresh = await put(fresh.base, pem(), fresh.connection.version);
    expect(refusedFresh.status).toBe(422);
    expect(refusedFresh.body.error.code).toBe(code);
    expect(refusedFresh.body.error.message).toMatch(message);
    expect(refusedFresh.body.error.message).toContain(`Download the current trust certificate from the BTP cockpit of subaccount ${SUBACCOUNT_ID}`);
    expect(refusedFresh.body.error.message).toMatch(/Nothing was saved/);
    const freshAfter = (await ctx.api.get(fresh.base)).body;
    expect(freshAfter).toMatchObject({ certificate: null, version: fresh.connection.version });
    expect(step(freshAfter, 1)).toMatchObject({ status: 'not_started' });
    expect(freshAfter.values.samlIssuer).toBeUndefined();

    const { base, before } = await connectionWithCertificate();
    const refused = await put(base, pem(), before.version, 'wrong.pem');
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe(code);
    const after = (await ctx.api.get(base)).body;
    expect(after.version).toBe(before.version);
    expect(after.certificate).toMatchObject({ fileName: 'trust.pem', fingerprintSha256: before.certificate.fingerprintSha256, cn: TRUST_CN });
    expect(step(after, 1)).toEqual(step(before, 1));
    expect(after.values.samlIssuer).toBe(TRUST_CN);
  });

  it('when the certificate is both of another subaccount and expired, then the answer names both', async () => {
    const { base, connection } = await createTenantWithConnection(ctx.api);
    const answer = await put(base, rsaCertificatePem({ cn: `cfapps.${LANDSCAPE}/${OTHER_SUBACCOUNT}`, notBefore: days(-800), notAfter: days(-1) }), connection.version);
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('CERTIFICATE_OTHER_SUBACCOUNT');
    expect(answer.body.error.message).toMatch(/subaccount 00000000-.*expired on/);
  });

  it('when a certificate renewed in BTP a minute ahead of this clock is uploaded, then it is taken with a NOT_YET_VALID warning', async () => {
    const { base, connection } = await createTenantWithConnection(ctx.api);
    const answer = await put(base, rsaCertificatePem({ cn: TRUST_CN, notBefore: new Date(Date.now() + 60_000), notAfter: days(730) }), connection.version);
    expect(answer.status).toBe(200);
    expect(answer.body.certificate.warnings.map((w: { code: string }) => w.code)).toEqual(['NOT_YET_VALID']);
    expect(step(answer.body, 1)).toMatchObject({ status: 'done' });
  });
});

describe('the SAML issuer offered for step 9 is always this connection’s CN', () => {
  it('when step 9 is shown, then the issuer to copy is the CN of this connection’s subaccount', async () => {
    expect(findStep(9)?.copyValues).toContain('samlIssuer');
    const { before } = await connectionWithCertificate();
    expect(before.values.samlIssuer).toBe(TRUST_CN);
  });

  it('when the certificate’s CN is not a trust CN (taken with a warning), then step 9 still offers this connection’s CN, not that CN', async () => {
    const { base, connection } = await createTenantWithConnection(ctx.api);
    const answer = await put(base, rsaCertificatePem({ cn: 'example.com' }), connection.version);
    expect(answer.status).toBe(200);
    expect(answer.body.certificate.warnings.map((w: { code: string }) => w.code)).toEqual(['CN_NOT_TRUST_FORMAT']);
    expect(answer.body.values.samlIssuer).toBe(TRUST_CN);
    expect((await ctx.api.get(base)).body.values.samlIssuer).toBe(TRUST_CN);
  });

  it('when this subaccount’s certificate names another domain (sap-apis.md A.6 shows cfapps.sap.hana.ondemand.com), then its exact CN is the issuer', async () => {
    const { base, connection } = await createTenantWithConnection(ctx.api);
    const cn = `cfapps.sap.hana.ondemand.com/${SUBACCOUNT_ID}`;
    const answer = await put(base, rsaCertificatePem({ cn }), connection.version);
    expect(answer.status).toBe(200);
    expect(answer.body.certificate.warnings.map((w: { code: string }) => w.code)).toEqual(['CN_OTHER_LANDSCAPE']);
    expect(answer.body.values.samlIssuer).toBe(cn);
  });
});

describe('files that are not a plain certificate get their own answer', () => {
  const body = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, '');

  it.each([
    ['wrapped in 64-character lines', (pem: string) => body(pem).replace(/(.{64})/g, '$1\r\n')],
    ['on one line', (pem: string) => `${body(pem)}\n`],
  ])('when the certificate is bare base64 DER %s, then it is read as a certificate and step 1 is done', async (_label, bare) => {
    const { base, connection } = await createTenantWithConnection(ctx.api);
    const answer = await put(base, bare(rsaCertificatePem({ cn: TRUST_CN })), connection.version, 'trust.cer');
    expect(answer.status).toBe(200);
    expect(answer.body.certificate).toMatchObject({ cn: TRUST_CN, warnings: [] });
    expect(step(answer.body, 1)).toMatchObject({ status: 'done' });
  });

  it('when a PKCS#12 key store (.p12/.pfx) is uploaded, then it says so and asks for the .pem or .cer, storing nothing', async () => {
    const { base, connection } = await createTenantWithConnection(ctx.api);
    const answer = await put(base, pkcs12Der(rsaCertificatePem({ cn: TRUST_CN })), connection.version, 'trust.p12');
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('NOT_A_CERTIFICATE');
    expect(answer.body.error.message).toMatch(/PKCS#12 key store \(\.p12 or \.pfx\)/);
    expect(answer.body.error.message).toMatch(/\.pem or \.cer/);
    expect(answer.body.error.message).not.toMatch(/neither a PEM nor a DER/);
    expect((await ctx.api.get(base)).body.certificate).toBeNull();
  });

  it.each([
    ['BEGIN without END', (pem: string) => pem.slice(0, 400)],
    ['a body cut short before END', (pem: string) => `${pem.slice(0, 300)}\n-----END CERTIFICATE-----\n`],
    ['a bare base64 body cut short', (pem: string) => body(pem).slice(0, 600)],
    ['DER cut short', (pem: string) => pemToDer(pem).subarray(0, 500)],
  ])('when the certificate file is truncated (%s), then it says the file is incomplete', async (_label, cut) => {
    const { base, connection } = await createTenantWithConnection(ctx.api);
    const answer = await put(base, cut(rsaCertificatePem({ cn: TRUST_CN })), connection.version);
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('NOT_A_CERTIFICATE');
    expect(answer.body.error.message).toMatch(/^The file is incomplete: .*cut short/);
    expect(answer.body.error.message).not.toMatch(/holds a CERTIFICATE|neither a PEM/);
    expect((await ctx.api.get(base)).body.certificate).toBeNull();
  });
});
