import { createPublicKey, createSign, createVerify } from 'node:crypto';
import type { KeyPairWithCertificate } from './keys.js';

const b64url = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

/** An RS256 JWT, as XSUAA issues them (header alg, kid, jku, typ). */
export function signJwt(payload: Record<string, unknown>, key: KeyPairWithCertificate, jku: string): string {
  const header = { alg: 'RS256', jku, kid: key.kid, typ: 'JWT' };
  const input = `${b64url(header)}.${b64url(payload)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key.privateKeyPem);
  return `${input}.${b64url(signature)}`;
}

/** Verifies signature and expiry; answers the payload or null. */
export function verifyJwt(token: string, key: KeyPairWithCertificate, nowSeconds = Math.floor(Date.now() / 1000)): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  const valid = createVerify('RSA-SHA256').update(`${header}.${payload}`).verify(key.publicKeyPem, Buffer.from(signature, 'base64url'));
  if (!valid) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof claims.exp === 'number' && claims.exp < nowSeconds) return null;
    return claims;
  } catch {
    return null;
  }
}

/** The JWKS entry of a key (RFC 7517), as XSUAA's /token_keys lists it. */
export function jwk(key: KeyPairWithCertificate): Record<string, string> {
  const exported = createPublicKey(key.publicKeyPem).export({ format: 'jwk' }) as { n: string; e: string };
  return { kty: 'RSA', use: 'sig', alg: 'RS256', kid: key.kid, n: exported.n, e: exported.e, value: key.publicKeyPem };
}
