import { createPublicKey, createVerify, type JsonWebKey } from 'node:crypto';
import { isIP } from 'node:net';
import type { SandboxContext } from '../context.js';
import type { Destination } from '../state.js';
import { UNCERTAIN } from '../uncertain.js';
import { verifyUserToken, xsuaaIssuer } from './xsuaa.js';

/**
 * Whether find destination may use the JWT of an `X-user-token` header (sap-field-facts.md row 3; [SPEC] X-user-token;
 * SAP-docs btp-connectivity oauth-saml-bearer-assertion-authentication-c69ea6a.md). Trusted are:
 * - user tokens of the subaccount's own XSUAA (its issuer, key and tenant `zid`) — which is also how users of the
 *   subaccount's SAP Cloud Identity Services tenant arrive: XSUAA federates them (the sandbox issues no IAS tokens itself);
 * - tokens of any other issuer whose signature verifies with a key of the destination's `x_user_token.jwks` ("Base64-encoded
 *   JSON web key set", RFC 7517 §5) or of the set at `x_user_token.jwks_uri` ("If the value is a private endpoint (for
 *   example, localhost), the Destination service will not be able to perform the verification"); for those, the JWT
 *   header's `typ` must equal `x_user_token.header.typ` ("If this property is not provided, the Destination service will
 *   default to value JWT").
 * Anything else is refused with a reason; the caller turns it into authTokens[0].error (UNCERTAIN.xUserTokenUntrustedMessage).
 */
export type XUserTokenCheck = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

type Jwk = JsonWebKey & { kid?: string; kty?: string; use?: string };

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function keysOf(jwks: unknown): Jwk[] | null {
  const keys = (jwks as { keys?: unknown } | null)?.keys;
  return Array.isArray(keys) ? keys.filter((k): k is Jwk => !!k && typeof k === 'object') : null;
}

/** Loopback, private (RFC 1918), link-local and unspecified addresses, and `localhost`: what SAP cannot reach. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) {
    const [a, b] = host.split('.').map(Number) as [number, number];
    return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (isIP(host) === 6) return host === '::1' || host === '::' || /^f[cd]/.test(host) || host.startsWith('fe80:') || host.startsWith('::ffff:127.');
  return false;
}

async function destinationKeys(ctx: SandboxContext, destination: Destination): Promise<{ keys: Jwk[] } | { reason: string } | null> {
  const inline = destination['x_user_token.jwks'];
  if (inline) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(inline, 'base64').toString('utf8'));
    } catch {
      return { reason: 'x_user_token.jwks is not a Base64-encoded JSON web key set' };
    }
    const keys = keysOf(parsed);
    return keys ? { keys } : { reason: 'x_user_token.jwks is not a Base64-encoded JSON web key set' };
  }
  const uri = destination['x_user_token.jwks_uri'];
  if (!uri) return null;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { reason: `x_user_token.jwks_uri ${uri} is not a URL` };
  }
  if (url.protocol !== 'https:') return { reason: `x_user_token.jwks_uri ${uri} is not an https URL` };
  if (isPrivateHost(url.hostname)) return { reason: `x_user_token.jwks_uri ${uri} is a private endpoint the Destination service cannot reach` };
  // A simulated SAP host is served by the sandbox itself; any other public host is fetched as it is.
  const target = ctx.toLoopback(uri) ?? uri;
  const answer = await fetch(target, { headers: { accept: 'application/json', host: url.host }, signal: AbortSignal.timeout(UNCERTAIN.xUserTokenJwksTimeoutMs) }).catch(
    (error: Error) => error,
  );
  if (answer instanceof Error || !answer.ok) return { reason: `the JSON web key set at x_user_token.jwks_uri ${uri} could not be read` };
  const keys = keysOf(await answer.json().catch(() => null));
  return keys ? { keys } : { reason: `x_user_token.jwks_uri ${uri} did not answer a JSON web key set` };
}

function verifiesWith(key: Jwk, signingInput: string, signature: string): boolean {
  if (key.kty !== 'RSA' || !key.n || !key.e || (key.use !== undefined && key.use !== 'sig')) return false;
  try {
    const publicKey = createPublicKey({ key: { kty: 'RSA', n: key.n, e: key.e }, format: 'jwk' });
    return createVerify('RSA-SHA256').update(signingInput).verify(publicKey, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

export async function checkXUserToken(ctx: SandboxContext, destination: Destination, token: string): Promise<XUserTokenCheck> {
  const parts = token.split('.');
  const header = parts.length === 3 ? decodePart(parts[0]!) : null;
  const claims = parts.length === 3 ? decodePart(parts[1]!) : null;
  if (!header || !claims) return { ok: false, reason: 'the header value is not an encoded JWT (RFC 7519)' };

  if (claims.iss === xsuaaIssuer(ctx)) {
    const user = verifyUserToken(ctx, token);
    return user ? { ok: true, claims: user.claims } : { ok: false, reason: 'the token of the subaccount’s XSUAA is not a valid user token (signature, expiry, tenant or grant)' };
  }

  const found = await destinationKeys(ctx, destination);
  if (found === null) {
    return { ok: false, reason: `issuer ${String(claims.iss)} is not the subaccount’s XSUAA, and the destination has no x_user_token.jwks or x_user_token.jwks_uri to verify it` };
  }
  if ('reason' in found) return { ok: false, reason: found.reason };
  const typ = destination['x_user_token.header.typ'] || 'JWT';
  if (header.typ !== typ) return { ok: false, reason: `the JWT header typ ${String(header.typ)} is not ${typ} (x_user_token.header.typ)` };
  if (!(UNCERTAIN.xUserTokenAlgorithms as readonly unknown[]).includes(header.alg)) return { ok: false, reason: `the JWT algorithm ${String(header.alg)} is not supported` };
  const candidates = typeof header.kid === 'string' ? found.keys.filter((k) => k.kid === header.kid) : found.keys;
  if (!candidates.some((key) => verifiesWith(key, `${parts[0]}.${parts[1]}`, parts[2]!))) {
    return { ok: false, reason: 'the signature does not verify with the destination’s JSON web key set' };
  }
  const now = Math.floor(ctx.now().getTime() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= now) return { ok: false, reason: 'the token has expired or has no exp' };
  if (typeof claims.nbf === 'number' && claims.nbf > now) return { ok: false, reason: 'the token is not valid yet (nbf)' };
  return { ok: true, claims };
}
