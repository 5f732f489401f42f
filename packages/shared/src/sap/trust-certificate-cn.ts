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
