import type { Destination } from '../sap/btp/index.js';

/**
 * Whether the subaccount's Destination service will take this user token for the SAML bearer flow (sap-field-facts.md
 * row 3; [SPEC] X-user-token; SAP-docs c69ea6a): tokens of the subaccount's own XSUAA, or of any issuer whose keys the
 * destination names in `x_user_token.jwks` / `x_user_token.jwks_uri`. Anything else BTP refuses — so the token is not
 * sent at all (it would only travel to a service that cannot use it), and the test says why instead of failing vaguely.
 * The payload is read, not verified: BTP verifies; this only decides whether asking makes sense.
 */
export function userTokenTrust(token: string, xsuaaUrl: string, destination: Destination | null): { trusted: true } | { trusted: false; issuer: string } {
  const issuer = issuerOf(token);
  const xsuaaHost = hostOf(xsuaaUrl);
  if (issuer && xsuaaHost && hostOf(issuer) === xsuaaHost) return { trusted: true };
  if (destination && (destination['x_user_token.jwks'] || destination['x_user_token.jwks_uri'])) return { trusted: true };
  return { trusted: false, issuer: issuer ?? '(no issuer)' };
}

function issuerOf(token: string): string | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss?: unknown };
    return typeof payload.iss === 'string' ? payload.iss : null;
  } catch {
    return null;
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}
