import { X509Certificate } from 'node:crypto';
import { DOMParser, type Document } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';

export interface ParsedAssertion {
  issuer: string;
  nameId: string;
  audiences: string[];
  recipient: string;
  notBefore: string;
  notOnOrAfter: string;
  subjectNotOnOrAfter: string;
}

export type VerifyResult = { ok: true; assertion: ParsedAssertion } | { ok: false; reason: 'malformed' | 'signature' };

const text = (doc: Document, name: string) => doc.getElementsByTagNameNS(SAML, name).item(0)?.textContent?.trim() ?? '';
const attr = (doc: Document, name: string, attribute: string) => doc.getElementsByTagNameNS(SAML, name).item(0)?.getAttribute(attribute) ?? '';

/**
 * Checks an assertion as a relying party must: exactly one signature, made by `certificate`, whose reference covers
 * the root Assertion element (so a signed fragment cannot be wrapped around forged content). Only then are the
 * conditions read, and they are read from the signed XML.
 */
export function verifyAssertion(xml: string, certificateBase64: string): VerifyResult {
  let doc: Document;
  try {
    doc = new DOMParser().parseFromString(xml, 'text/xml');
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const root = doc.documentElement;
  if (!root || root.localName !== 'Assertion' || root.namespaceURI !== SAML) return { ok: false, reason: 'malformed' };
  const signatures = doc.getElementsByTagNameNS(DSIG, 'Signature');
  if (signatures.length !== 1) return { ok: false, reason: 'signature' };
  let publicCert: string;
  try {
    publicCert = new X509Certificate(Buffer.from(certificateBase64, 'base64')).toString();
  } catch {
    return { ok: false, reason: 'signature' };
  }
  const verifier = new SignedXml({ publicCert, getCertFromKeyInfo: () => null });
  try {
    verifier.loadSignature(signatures.item(0)!);
    if (!verifier.checkSignature(xml)) return { ok: false, reason: 'signature' };
  } catch {
    return { ok: false, reason: 'signature' };
  }
  const [signedXml] = verifier.getSignedReferences();
  if (!signedXml) return { ok: false, reason: 'signature' };
  const signed = new DOMParser().parseFromString(signedXml, 'text/xml');
  if (signed.documentElement?.getAttribute('ID') !== root.getAttribute('ID')) return { ok: false, reason: 'signature' };
  const audiences = Array.from({ length: signed.getElementsByTagNameNS(SAML, 'Audience').length }, (_, i) =>
    signed.getElementsByTagNameNS(SAML, 'Audience').item(i)!.textContent!.trim(),
  );
  return {
    ok: true,
    assertion: {
      issuer: text(signed, 'Issuer'),
      nameId: text(signed, 'NameID'),
      audiences,
      recipient: attr(signed, 'SubjectConfirmationData', 'Recipient'),
      notBefore: attr(signed, 'Conditions', 'NotBefore'),
      notOnOrAfter: attr(signed, 'Conditions', 'NotOnOrAfter'),
      subjectNotOnOrAfter: attr(signed, 'SubjectConfirmationData', 'NotOnOrAfter'),
    },
  };
}
