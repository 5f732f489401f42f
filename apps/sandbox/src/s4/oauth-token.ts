import { randomBytes } from 'node:crypto';
import express, { Router, type Response } from 'express';
import type { SandboxContext } from '../context.js';
import type { SandboxProfile } from '../profile.js';
import { verifyAssertion } from '../saml/verify-assertion.js';
import type { CommunicationSystem, CommunicationUser, S4State } from '../state.js';
import { isSamlBearerClient } from './communication-model.js';
import { UNCERTAIN } from '../uncertain.js';

export const TOKEN_PATH = '/sap/bc/sec/oauth2/token';
const SAML2_BEARER = 'urn:ietf:params:oauth:grant-type:saml2-bearer';
const ERR = UNCERTAIN.tokenErrors;

type OAuthErrorCode = 'invalid_client' | 'invalid_grant' | 'invalid_request' | 'unsupported_grant_type';

/**
 * RFC 6749 §5.2 error answer; invalid_client is 401 with a Basic challenge. S/4's own error texts are not public (E.12):
 * unless the profile describes them, the answer carries only the code and a generic description, as a client must expect.
 */
function oauthError(res: Response, profile: SandboxProfile, error: OAuthErrorCode, description: string) {
  if (error === 'invalid_client') res.setHeader('WWW-Authenticate', 'Basic realm="SAP NetWeaver Application Server"');
  const said = profile.tokenErrorsDescribed ? description : OPAQUE[error];
  res.status(error === 'invalid_client' ? 401 : 400).json({ error, error_description: said });
}

/** The descriptions of RFC 6749 §5.2 itself: all a client may count on. */
const OPAQUE: Record<OAuthErrorCode, string> = {
  invalid_client: 'Client authentication failed',
  invalid_grant: 'The provided authorization grant is invalid',
  invalid_request: 'The request is missing a required parameter',
  unsupported_grant_type: 'The authorization grant type is not supported',
};

function basicCredentials(header: string | undefined): { user: string; password: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Client authentication with the communication user; repeated failures lock it, as S/4 does. */
function authenticateClient(s4: S4State, header: string | undefined, lockAfter: number): CommunicationUser | string {
  const credentials = basicCredentials(header);
  if (!credentials) return ERR.noClientAuthentication;
  const user = [...s4.communicationUsers.values()].find((u) => u.Name === credentials.user);
  if (!user) return ERR.clientAuthenticationFailed;
  if (user.IsLocked) return ERR.userLocked;
  if (user.Password !== credentials.password) {
    user.failedLogons += 1;
    if (user.failedLogons >= lockAfter) user.IsLocked = true;
    return ERR.clientAuthenticationFailed;
  }
  user.failedLogons = 0;
  return user;
}

/**
 * The communication systems whose SAP_COM_0501 arrangement binds this client: an OAuth 2.0 SAML-bearer inbound user of
 * the authenticated communication user, with exactly this client ID (sap-field-facts.md rows 1–2: a basic entry, or the
 * user name where S/4 holds a `CC…` ID, gets no token).
 */
function systemsServing(s4: S4State, user: CommunicationUser, clientId: string): CommunicationSystem[] {
  return [...s4.arrangements.values()]
    .filter((a) => a.CommunicationScenarioID === 'SAP_COM_0501')
    .flatMap((a) => {
      const inbound = s4.inboundUsers.get(a.InboundUserUUID);
      const system = [...s4.communicationSystems.values()].find((s) => s.ID === a.CommunicationSystemID);
      const clientMatches = inbound && inbound.CommunicationUserID === user.ID && isSamlBearerClient(inbound) && inbound.OAuth2ClientID === clientId;
      return system && clientMatches ? [system] : [];
    });
}

function decodeAssertion(value: string): string {
  // The Destination service sends base64url by default (samlAssertionEncoding); plain base64 is accepted too.
  return Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}

/**
 * POST /sap/bc/sec/oauth2/token for grant_type saml2-bearer (RFC 7522; sap-apis.md E): client authentication with
 * the communication user, then the assertion is checked against the communication system whose OAuth 2.0 SAML issuer
 * it names: signature by its signing certificate, audience, recipient, time window, and NameID → business user.
 */
export function createS4TokenRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.post(TOKEN_PATH, express.urlencoded({ extended: false }), (req, res) => {
    const s4 = ctx.state.s4;
    const body = (req.body ?? {}) as Record<string, string>;
    const profile = ctx.profile;
    const fail = (error: OAuthErrorCode, description: string) => oauthError(res, profile, error, description);
    const client = authenticateClient(s4, req.headers.authorization, profile.lockAfterFailedLogons);
    if (typeof client === 'string') return fail('invalid_client', client);
    if (body.grant_type !== SAML2_BEARER) return fail('unsupported_grant_type', `grant_type must be ${SAML2_BEARER}`);
    if (!body.assertion) return fail('invalid_request', 'Parameter assertion is missing');
    const systems = systemsServing(s4, client, body.client_id ?? '');
    if (systems.length === 0) return fail('invalid_client', ERR.noArrangement);

    const xml = decodeAssertion(body.assertion);
    const issuer = /<(?:\w+:)?Issuer[^>]*>([^<]*)</.exec(xml)?.[1]?.trim() ?? '';
    const system = systems.find((s) => s.IsOAuth2IdentityProviderActive && s.OAuth2IdentityProviderName === issuer);
    // [3rd] in sap-apis.md E.1: an issuer S/4 does not trust answers invalid_client.
    if (!system) return fail('invalid_client', ERR.unknownIssuer);
    const verified = verifyAssertion(xml, system.OAuth2IdentityProviderCertificatePublicKeyBase64);
    if (!verified.ok) return fail('invalid_grant', ERR.badSignature);
    const a = verified.assertion;
    // The system was picked from the raw text; only the signed issuer counts (an XML comment survives signing).
    if (a.issuer !== system.OAuth2IdentityProviderName) return fail('invalid_client', ERR.unknownIssuer);
    if (!a.audiences.includes(`https://${s4.uiHost}`)) return fail('invalid_grant', ERR.wrongAudience);
    if (a.recipient !== `https://${s4.apiHost}${TOKEN_PATH}`) return fail('invalid_grant', ERR.wrongRecipient);
    const now = ctx.now().getTime();
    const skew = UNCERTAIN.assertionClockSkewSeconds * 1000;
    const notOnOrAfter = Math.min(Date.parse(a.notOnOrAfter || a.subjectNotOnOrAfter), Date.parse(a.subjectNotOnOrAfter || a.notOnOrAfter));
    if (!(Date.parse(a.notBefore) - skew <= now && now < notOnOrAfter + skew)) return fail('invalid_grant', ERR.expired);
    const byUuid = system.OAuth2IdentityProviderUserLogonType === 'user_uuid';
    const user = ctx.state.users.find((u) => u.inS4 && (byUuid ? u.userUuid === a.nameId : u.userName === a.nameId));
    if (!user) return fail('invalid_grant', ERR.unknownUser);

    const accessToken = randomBytes(24).toString('hex');
    s4.accessTokens.set(accessToken, { userUuid: user.userUuid, clientId: client.Name, expiresAt: now + 3_600_000 });
    res.json({ access_token: accessToken, token_type: 'Bearer', expires_in: 3600, scope: 'API_TASK_SPI_REPLICATION_0001' });
  });
  return router;
}
