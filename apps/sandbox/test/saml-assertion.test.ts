import { SAML } from '@node-saml/node-saml';
import { describe, expect, it } from 'vitest';
import { certificateBase64, createKeyPair } from '../src/crypto/keys.js';
import { assertionXml, NAME_ID_FORMATS, signAssertion } from '../src/saml/build-assertion.js';
import { verifyAssertion } from '../src/saml/verify-assertion.js';

const CN = 'cfapps.eu10.hana.ondemand.com/6b1f0c8e-3d2a-4c5b-9e7f-1a2b3c4d5e6f';
const trust = createKeyPair([{ shortName: 'CN', value: CN }], 30);
const other = createKeyPair([{ shortName: 'CN', value: CN }], 30);

const input = (now = new Date()) => ({
  issuer: CN,
  nameId: '3f9c2a71-8d4e-4b6a-a1c2-5e7f90b1c3d4',
  nameIdFormat: NAME_ID_FORMATS.unspecified,
  audience: 'https://my900001.s4hana.ondemand.com',
  recipient: 'https://my900001-api.s4hana.ondemand.com/sap/bc/sec/oauth2/token',
  authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:X509',
  attributes: { user_uuid: '3f9c2a71-8d4e-4b6a-a1c2-5e7f90b1c3d4', mail: 'anna@example.com' },
  now,
});

describe('SAML bearer assertions', () => {
  it('when an assertion is signed with the trust key, then the sandbox relying party reads its conditions', () => {
    const result = verifyAssertion(signAssertion(assertionXml(input()), trust), certificateBase64(trust.certificatePem));
    expect(result).toMatchObject({ ok: true, assertion: { issuer: CN, audiences: ['https://my900001.s4hana.ondemand.com'], recipient: input().recipient } });
  });

  it('when an independent relying-party library (@node-saml/node-saml) checks it, then the signature and conditions validate', async () => {
    const xml = signAssertion(assertionXml(input()), trust);
    const saml = new SAML({
      idpCert: trust.certificatePem,
      issuer: 'https://my900001.s4hana.ondemand.com',
      audience: 'https://my900001.s4hana.ondemand.com',
      callbackUrl: input().recipient,
      wantAuthnResponseSigned: false,
      wantAssertionsSigned: true,
    });
    // node-saml validates assertions inside a Response; wrap the signed assertion as an IdP would post it.
    const response = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${input().recipient}"><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${xml}</samlp:Response>`;
    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: Buffer.from(response).toString('base64') });
    expect(profile?.nameID).toBe(input().nameId);
    expect(profile?.issuer).toBe(CN);
  });

  it('when the assertion is tampered with or signed by another key, then verification fails', () => {
    const signed = signAssertion(assertionXml(input()), trust);
    const tampered = signed.replace('3f9c2a71-8d4e-4b6a-a1c2-5e7f90b1c3d4</saml2:NameID>', '7a1e4c92-0b3d-4f58-8e6a-2c4d6f8a0b1c</saml2:NameID>');
    expect(verifyAssertion(tampered, certificateBase64(trust.certificatePem))).toEqual({ ok: false, reason: 'signature' });
    const foreign = signAssertion(assertionXml(input()), other);
    expect(verifyAssertion(foreign, certificateBase64(trust.certificatePem))).toEqual({ ok: false, reason: 'signature' });
  });
});
