import { randomUUID } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import type { KeyPairWithCertificate } from '../crypto/keys.js';

export interface AssertionInput {
  issuer: string;
  nameId: string;
  nameIdFormat: string;
  audience: string;
  recipient: string;
  authnContextClassRef: string;
  attributes: Record<string, string>;
  now: Date;
  /** How long the assertion is valid; the Destination service keeps it short. */
  validSeconds?: number;
}

const escapeXml = (value: string) => value.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * The SAML 2.0 bearer assertion the Destination service builds for OAuth2SAMLBearerAssertion (sap-apis.md E;
 * SAP-docs/btp-connectivity c69ea6a, 3cb7b81): Issuer = the subaccount's entity ID, NameID from userIdSource,
 * bearer SubjectConfirmation with Recipient = token service URL, Audience, AuthnContextClassRef, user attributes.
 */
export function assertionXml(input: AssertionInput): string {
  const issued = input.now.toISOString();
  const notBefore = new Date(input.now.getTime() - 5_000).toISOString();
  const notOnOrAfter = new Date(input.now.getTime() + (input.validSeconds ?? 600) * 1000).toISOString();
  const attributes = Object.entries(input.attributes)
    .map(
      ([name, value]) =>
        `<saml2:Attribute Name="${escapeXml(name)}"><saml2:AttributeValue>${escapeXml(value)}</saml2:AttributeValue></saml2:Attribute>`,
    )
    .join('');
  return (
    `<saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" IssueInstant="${issued}" Version="2.0">` +
    `<saml2:Issuer>${escapeXml(input.issuer)}</saml2:Issuer>` +
    `<saml2:Subject><saml2:NameID Format="${escapeXml(input.nameIdFormat)}">${escapeXml(input.nameId)}</saml2:NameID>` +
    `<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml2:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${escapeXml(input.recipient)}"/>` +
    `</saml2:SubjectConfirmation></saml2:Subject>` +
    `<saml2:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">` +
    `<saml2:AudienceRestriction><saml2:Audience>${escapeXml(input.audience)}</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>` +
    `<saml2:AuthnStatement AuthnInstant="${issued}" SessionIndex="_${randomUUID()}">` +
    `<saml2:AuthnContext><saml2:AuthnContextClassRef>${escapeXml(input.authnContextClassRef)}</saml2:AuthnContextClassRef></saml2:AuthnContext>` +
    `</saml2:AuthnStatement>` +
    (attributes ? `<saml2:AttributeStatement>${attributes}</saml2:AttributeStatement>` : '') +
    `</saml2:Assertion>`
  );
}

/** Signs the assertion with XML-DSig (RSA-SHA256, exclusive c14n, enveloped), the signature after the Issuer, certificate in KeyInfo. */
export function signAssertion(xml: string, key: KeyPairWithCertificate): string {
  const signed = new SignedXml({
    privateKey: key.privateKeyPem,
    publicCert: key.certificatePem,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  signed.addReference({
    xpath: "/*[local-name(.)='Assertion']",
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
  });
  signed.computeSignature(xml, { prefix: 'ds', location: { reference: "/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' } });
  return signed.getSignedXml();
}

export const NAME_ID_FORMATS = {
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  emailAddress: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
} as const;
