import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Config } from '../config.js';
import type { Store } from '../store/types.js';
import type { AuthService } from './auth-service.js';
import { createBearerPrincipal } from './bearer-principal.js';
import { createJwtVerifier } from './jwt-verifier.js';
import type { Principal } from './principal.js';
import { readCookie, SESSION_COOKIE } from './session-cookie.js';

/** local mode: the session cookie. jwt mode: the bearer token of the configured identity provider, nothing else. */
export function createPrincipalResolver(config: Config, { auth, store, clock }: { auth: AuthService; store: Store; clock: () => Date }) {
  if (config.AUTH_MODE === 'jwt') {
    const verify = createJwtVerifier({ jwksUrl: config.JWT_JWKS_URL!, issuer: config.JWT_ISSUER!, audience: config.JWT_AUDIENCE! });
    const principalOfClaims = createBearerPrincipal({ store, adminScope: config.JWT_ADMIN_SCOPE, newId: randomUUID, clock });
    return async (req: Request): Promise<Principal | null> => {
      const header = req.get('authorization') ?? '';
      if (!header.startsWith('Bearer ')) return null;
      const claims = await verify(header.slice(7));
      return claims ? principalOfClaims(claims) : null;
    };
  }
  return async (req: Request): Promise<Principal | null> => {
    const token = readCookie(req, SESSION_COOKIE);
    return token ? auth.principalOfSession(token) : null;
  };
}
