import { createHash, randomUUID } from 'node:crypto';
import express, { Router, type Response } from 'express';
import type { SandboxContext } from '../context.js';
import { jwk, signJwt, verifyJwt } from '../crypto/jwt.js';
import type { BusinessUser } from '../state.js';
import { UNCERTAIN } from '../uncertain.js';

/**
 * The subaccount's XSUAA (sap-apis.md A.1): POST /oauth/token and GET /token_keys. Token claims follow
 * specs/NOTES.md §4 and the samples in specs/xsuaa-token-samples/.
 */
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const USER_GRANTS = new Set(['password', JWT_BEARER]);
const CLIENT_GRANTS = new Set(['client_credentials', JWT_BEARER]);

const issuer = (ctx: SandboxContext) => `https://${ctx.hosts.xsuaa}/oauth/token`;
const jku = (ctx: SandboxContext) => `https://${ctx.hosts.xsuaa}/token_keys`;

/** XSUAA's user_id is its shadow user's GUID, not the global user_uuid (NOTES.md §4); derive one stably from the user_uuid. */
function shadowUserId(userUuid: string): string {
  const h = createHash('sha256').update(`xsuaa-shadow-user:${userUuid}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function namesOf(user: BusinessUser): { given_name: string; family_name: string } {
  const [given = '', family = ''] = user.userName.split('@')[0]!.split('.');
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return { given_name: cap(given), family_name: cap(family) };
}

type UserClaims = Record<string, unknown> & { user_name: string; email: string };

/**
 * The user claims XSUAA puts in a user token. `user_uuid` is what the user's identity provider gave (NOTES.md §4): a GUID
 * from SAP Cloud Identity Services, an SAP user ID such as P000123 from SAP ID service; `origin` names that provider.
 */
function userClaims(user: BusinessUser): UserClaims {
  const userId = shadowUserId(user.userUuid);
  return {
    sub: userId,
    user_id: userId,
    user_uuid: user.userUuid,
    user_name: user.userName,
    email: user.email,
    // States saved before users had an origin held only IAS-like users (GUID user_uuid).
    origin: user.origin ?? UNCERTAIN.xsuaaOrigins.ias,
    ...namesOf(user),
    'xs.user.attributes': {},
  };
}

function issueToken(ctx: SandboxContext, res: Response, clientId: string, grantType: string, user: UserClaims | null): void {
  const iat = Math.floor(ctx.now().getTime() / 1000);
  const lifetime = UNCERTAIN.xsuaaTokenLifetimeSeconds;
  const scope = user ? ['openid', 'uaa.user'] : ['uaa.resource'];
  const jti = randomUUID().replace(/-/g, '');
  const { btp } = ctx.state;
  const claims: Record<string, unknown> = {
    jti,
    ext_attr: { enhancer: 'XSUAA', subaccountid: btp.subaccountId, zdn: btp.subdomain },
    ...(user ?? { sub: clientId }),
    scope,
    client_id: clientId,
    cid: clientId,
    azp: clientId,
    grant_type: grantType,
    ...(user ? { auth_time: iat } : {}),
    iat,
    exp: iat + lifetime,
    iss: issuer(ctx),
    zid: btp.zoneId,
    aud: user ? [clientId, 'openid'] : [clientId, 'uaa'],
  };
  const accessToken = signJwt(claims, btp.tokenSigningKey, jku(ctx));
  res.json({ access_token: accessToken, token_type: 'bearer', expires_in: lifetime, scope: scope.join(' '), jti });
}

/** OAuth client authentication: form fields (what the SAP Cloud SDK sends) or HTTP Basic (RFC 6749 §2.3.1). */
function clientCredentials(body: Record<string, string>, authorization: string | undefined): { id: string; secret: string } | null {
  if (body.client_id) return { id: body.client_id, secret: body.client_secret ?? '' };
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const unescape = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
}

function decodeClaims(ctx: SandboxContext, token: string | undefined): Record<string, unknown> | null {
  if (!token) return null;
  const claims = verifyJwt(token.replace(/^Bearer\s+/i, '').trim(), ctx.state.btp.tokenSigningKey, Math.floor(ctx.now().getTime() / 1000));
  if (!claims || claims.iss !== issuer(ctx) || claims.zid !== ctx.state.btp.zoneId) return null;
  return claims;
}

/** A Bearer token issued by this XSUAA to a client (client_credentials, or jwt-bearer for a user) — what the Destination service accepts. */
export function verifyClientToken(ctx: SandboxContext, authorizationHeader: string | undefined): { clientId: string; claims: Record<string, unknown> } | null {
  if (!authorizationHeader || !/^Bearer\s+/i.test(authorizationHeader)) return null;
  const claims = decodeClaims(ctx, authorizationHeader);
  if (!claims || !CLIENT_GRANTS.has(String(claims.grant_type)) || typeof claims.client_id !== 'string') return null;
  return { clientId: claims.client_id, claims };
}

/**
 * A user token of this XSUAA (password or jwt-bearer grant); takes a raw token or "Bearer <token>". `user_uuid` is optional:
 * XSUAA carries it only where the identity provider set one (NOTES.md §4).
 */
export function verifyUserToken(
  ctx: SandboxContext,
  token: string | undefined,
): { userUuid: string | undefined; userName: string; email: string; claims: Record<string, unknown> } | null {
  const claims = decodeClaims(ctx, token);
  if (!claims || !USER_GRANTS.has(String(claims.grant_type))) return null;
  const { user_uuid, user_name, email } = claims;
  if ((user_uuid !== undefined && typeof user_uuid !== 'string') || typeof user_name !== 'string' || typeof email !== 'string') return null;
  return { userUuid: user_uuid, userName: user_name, email, claims };
}

/** This XSUAA's token issuer (`iss`), to tell its tokens from those of other issuers. */
export const xsuaaIssuer = issuer;

const USER_CLAIM_NAMES = ['sub', 'user_id', 'user_uuid', 'user_name', 'email', 'origin', 'given_name', 'family_name', 'xs.user.attributes'];

export function createXsuaaRouter(ctx: SandboxContext): Router {
  const router = Router();

  router.get('/token_keys', (_req, res) => {
    res.json({ keys: [jwk(ctx.state.btp.tokenSigningKey)] });
  });

  router.post('/oauth/token', express.urlencoded({ extended: false }), (req, res) => {
    const body = (req.body ?? {}) as Record<string, string>;
    const credentials = clientCredentials(body, req.headers.authorization);
    const client = credentials ? ctx.state.btp.clients.get(credentials.id) : undefined;
    if (!credentials || !client || client.secret !== credentials.secret) {
      res.status(401).json({ error: 'unauthorized', error_description: 'Bad credentials' });
      return;
    }
    const invalidGrant = (description: string) =>
      res.status(UNCERTAIN.xsuaaInvalidGrant.status).json({ error: 'invalid_grant', error_description: description });
    switch (body.grant_type) {
      case 'client_credentials':
        return issueToken(ctx, res, credentials.id, 'client_credentials', null);
      case 'password': {
        const user = ctx.state.users.find((u) => u.userName === body.username || u.email === body.username);
        if (!user || user.password !== body.password) return void invalidGrant(UNCERTAIN.xsuaaInvalidGrant.badUserPassword);
        return issueToken(ctx, res, credentials.id, 'password', userClaims(user));
      }
      case JWT_BEARER: {
        // The SAP Cloud SDK exchanges a user JWT of the same tenant for one issued to its own client (sap-cloud-sdk.md).
        const user = verifyUserToken(ctx, body.assertion);
        if (!user) return void invalidGrant(UNCERTAIN.xsuaaInvalidGrant.badAssertion);
        const kept = Object.fromEntries(USER_CLAIM_NAMES.filter((n) => n in user.claims).map((n) => [n, user.claims[n]]));
        return issueToken(ctx, res, credentials.id, JWT_BEARER, kept as UserClaims);
      }
      case undefined:
      case '':
        res.status(400).json({ error: 'invalid_request', error_description: 'Missing grant type' });
        return;
      default:
        res.status(400).json({ error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${body.grant_type}` });
    }
  });

  return router;
}
