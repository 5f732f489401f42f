/**
 * Maps what SAP answered during a connection test to its likely cause and the seed step to fix. The texts matched
 * are the OAuth error descriptions S/4 returns (sap-apis.md E; [3rd] for the exact wording, so matching is loose).
 */
const CAUSES: { pattern: RegExp; step: number | null; message: string }[] = [
  { pattern: /issuer/i, step: 9, message: 'S/4HANA does not trust the issuer: the communication system’s OAuth 2.0 SAML Issuer must be the trust certificate’s CN exactly.' },
  { pattern: /signature|ST program SAML2_ASSERTION(?!.*(audience|recipient|expired|user))/i, step: 8, message: 'S/4HANA holds another signing certificate than the subaccount signs with (for example after the BTP trust was renewed): upload the current trust certificate to the communication system.' },
  { pattern: /audience/i, step: 20, message: 'The SAML2 Audience does not match: the destination’s audience must be https://<S/4 host> without “-api”.' },
  { pattern: /recipient/i, step: 20, message: 'The assertion’s recipient does not match the token endpoint: check the destination’s Token Service URL.' },
  { pattern: /locked/i, step: 3, message: 'The communication user is locked after failed logons: unlock it in Maintain Communication Users and check the destination’s Token Service Password.' },
  { pattern: /client authentication|invalid_client/i, step: 20, message: 'S/4HANA refused the communication user: the destination’s Token Service User or Password is wrong.' },
  { pattern: /no user found for the name id|unknown user|name ?id/i, step: null, message: 'No business user in S/4HANA has this user’s UUID: the business user must exist with the same user UUID as in the identity provider.' },
  { pattern: /no communication arrangement/i, step: 17, message: 'No SAP_COM_0501 arrangement allows this communication user: create the arrangement for the communication system.' },
  { pattern: /expired|not yet valid/i, step: null, message: 'The assertion was outside its validity window: check the clocks, then test again.' },
];

export function explainTokenError(error: string): { message: string; stepToFix: number | null } {
  const cause = CAUSES.find((c) => c.pattern.test(error));
  return cause ? { message: cause.message, stepToFix: cause.step } : { message: 'The token service refused the assertion for a reason not known to this app; SAP’s message is shown below.', stepToFix: null };
}
