/**
 * The BTP trust certificate's CN is `cfapps.<landscape domain>/<subaccount GUID>`, and it is the SAML issuer the
 * Destination service puts in its assertions (sap-apis.md A.6; SAP-docs/btp-connectivity configuration-tasks-6e5e004.md).
 * Real CNs are 66+ characters, past X.520's 64-character bound, so nothing here may cap the length.
 */
const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TRUST_CN = new RegExp(`^cfapps\\.([a-z0-9-]+(?:\\.[a-z0-9-]+)+)/(${GUID})$`, 'i');

export const GUID_PATTERN = new RegExp(`^${GUID}$`, 'i');

export interface TrustCn {
  landscapeDomain: string;
  subaccountId: string;
}

export function parseTrustCn(cn: string): TrustCn | null {
  const match = TRUST_CN.exec(cn);
  if (!match) return null;
  return { landscapeDomain: match[1]!.toLowerCase(), subaccountId: match[2]!.toLowerCase() };
}

export function expectedTrustCn(landscapeDomain: string, subaccountId: string): string {
  return `cfapps.${landscapeDomain}/${subaccountId.toLowerCase()}`;
}

/**
 * The SAML issuer (seed step 9) of a connection: always its own subaccount's CN, never another subaccount's. A stored
 * certificate of this subaccount gives its CN exactly, because that string is what the Destination service sends
 * (sap-apis.md A.6) and SAP's own example domain (`cfapps.sap.hana.ondemand.com`) is not a Cloud Foundry landscape
 * domain; a CN of another form or another subaccount (stored before such uploads were refused) is never offered.
 */
export function samlIssuerFor(connection: TrustCn, certificateCn: string | null): string {
  const parsed = certificateCn === null ? null : parseTrustCn(certificateCn);
  if (parsed && parsed.subaccountId === connection.subaccountId.toLowerCase()) return certificateCn!;
  return expectedTrustCn(connection.landscapeDomain, connection.subaccountId);
}
