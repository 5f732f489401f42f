import { createPublicKey, createVerify, type KeyObject } from 'node:crypto';

export interface JwtSettings {
  jwksUrl: string;
  issuer: string;
  /** Accepted when it is the token's `aud` or one of them (XSUAA puts the client IDs there). */
  audience: string;
  /** How long fetched keys are kept before the JWKS is read again (also read again for an unknown kid). */
  cacheMs?: number;
}

type Claims = Record<string, unknown>;

/**
 * Verifies RS256 bearer tokens of the configured identity provider (XSUAA, SAP Cloud Identity Services or any
 * OpenID Connect provider) against its JWKS: signature, issuer, audience, expiry and not-before.
 */
export function createJwtVerifier({ jwksUrl, issuer, audience, cacheMs = 10 * 60_000 }: JwtSettings, now = () => Date.now()) {
  let keys = new Map<string, KeyObject>();
  let fetchedAt = 0;

  const refresh = async () => {
    // The identity provider's keys, not an SAP call on a user's behalf: read directly, with a timeout.
    const response = await fetch(jwksUrl, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`JWKS ${jwksUrl} answered ${response.status}`);
    const jwks = (await response.json()) as { keys?: (Record<string, string> & { kid?: string })[] };
    keys = new Map((jwks.keys ?? []).filter((k) => k.kty === 'RSA').map((k) => [k.kid ?? '', createPublicKey({ key: { kty: 'RSA', n: k.n!, e: k.e! }, format: 'jwk' })]));
    fetchedAt = now();
  };

  let refreshing: Promise<void> | null = null;
  const keyFor = async (kid: string) => {
    // An unknown kid reads the JWKS again (key rotation), but at most every 30 s, and one read serves all waiting
    // requests: a caller cannot make the server hammer the identity provider with made-up kids.
    const stale = now() - fetchedAt > cacheMs;
    if (stale || (!keys.has(kid) && now() - fetchedAt > 30_000)) {
      refreshing ??= refresh().finally(() => (refreshing = null));
      await refreshing;
    }
    return keys.get(kid) ?? (keys.size === 1 && !kid ? [...keys.values()][0] : undefined);
  };

  return async (token: string): Promise<Claims | null> => {
    const [headerPart, payloadPart, signature] = token.split('.');
    if (!headerPart || !payloadPart || !signature) return null;
    try {
      const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString()) as { alg?: string; kid?: string };
      if (header.alg !== 'RS256') return null;
      const key = await keyFor(header.kid ?? '');
      if (!key || !createVerify('RSA-SHA256').update(`${headerPart}.${payloadPart}`).verify(key, Buffer.from(signature, 'base64url'))) return null;
      const claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString()) as Claims;
      const seconds = now() / 1000;
      const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (claims.iss !== issuer || !audiences.includes(audience)) return null;
      if (typeof claims.exp !== 'number' || claims.exp < seconds) return null;
      if (typeof claims.nbf === 'number' && claims.nbf > seconds + 60) return null;
      return claims;
    } catch {
      return null;
    }
  };
}
