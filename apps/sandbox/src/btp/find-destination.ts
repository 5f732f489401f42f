import { Router } from 'express';
import type { SandboxContext } from '../context.js';
import { assertionXml, NAME_ID_FORMATS, signAssertion } from '../saml/build-assertion.js';
import type { Destination } from '../state.js';
import { UNCERTAIN } from '../uncertain.js';
import { propagatedUserId } from './user-id.js';
import { checkXUserToken } from './x-user-token.js';
import { verifyClientToken, verifyUserToken } from './xsuaa.js';

interface AuthToken {
  type: string;
  value: string;
  http_header: { key: string; value: string };
  expires_in?: string;
  scope?: string;
  error?: string;
}

const failed = (error: string): AuthToken => ({ type: '', value: '', http_header: { key: '', value: '' }, error });

/** The CN of the active trust certificate: the subaccount's SAML entity ID (sap-apis.md A.6). */
function entityId(ctx: SandboxContext): string {
  return `cfapps.${ctx.state.btp.landscapeDomain}/${ctx.state.btp.subaccountId}`;
}

/** Builds, signs and redeems the SAML bearer assertion at the destination's token service, as the Destination service does. */
async function samlBearerToken(ctx: SandboxContext, destination: Destination, claims: Record<string, unknown>): Promise<AuthToken> {
  const key = ctx.state.btp.trust.active;
  if (!key) return failed(UNCERTAIN.trustCertificateMissingMessage);
  // userIdSource: a root-level claim or a JsonPath (3cb7b81, sap-field-facts.md A.34); else what nameIdFormat implies.
  const user = propagatedUserId(destination, claims);
  if (!user.ok) return failed(user.error);
  const xml = assertionXml({
    issuer: destination.assertionIssuer ?? entityId(ctx),
    nameId: user.userId,
    nameIdFormat: destination.nameIdFormat ?? NAME_ID_FORMATS.unspecified,
    audience: destination.audience ?? '',
    recipient: destination.assertionRecipient ?? destination.tokenServiceURL ?? '',
    authnContextClassRef: destination.authnContextClassRef ?? 'urn:oasis:names:tc:SAML:2.0:ac:classes:PreviousSession',
    // A user_uuid attribute only where the token has one (NOTES.md §4: not every identity provider sets it).
    attributes: destination.skipUserUuidInSAMLAttributes === 'true' || claims.user_uuid === undefined ? {} : { user_uuid: String(claims.user_uuid) },
    now: ctx.now(),
  });
  const assertion = Buffer.from(signAssertion(xml, key)).toString(destination.samlAssertionEncoding === 'base64' ? 'base64' : 'base64url');
  const target = ctx.toLoopback(destination.tokenServiceURL ?? '');
  if (!target) return failed(UNCERTAIN.tokenServiceUnreachableMessage(destination.tokenServiceURL ?? ''));
  const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:saml2-bearer', assertion, client_id: destination.clientKey ?? '' });
  if (destination.scope) form.set('scope', destination.scope);
  const basic = Buffer.from(`${destination.tokenServiceUser ?? ''}:${destination.tokenServicePassword ?? ''}`).toString('base64');
  const answer = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}`, host: new URL(destination.tokenServiceURL!).host },
    body: form,
    signal: AbortSignal.timeout(30_000),
  }).catch((error: Error) => error);
  if (answer instanceof Error) return failed(UNCERTAIN.tokenServiceUnreachableMessage(destination.tokenServiceURL ?? ''));
  const body = (await answer.json().catch(() => ({}))) as Record<string, unknown>;
  if (!answer.ok) return failed(UNCERTAIN.tokenRetrievalFailedMessage(answer.status, String(body.error ?? ''), String(body.error_description ?? '')));
  const value = String(body.access_token);
  return { type: 'Bearer', value, http_header: { key: 'Authorization', value: `Bearer ${value}` }, expires_in: String(body.expires_in ?? ''), scope: String(body.scope ?? '') };
}

/**
 * GET /destination-configuration/v1/destinations/{name}: "find destination" (sap-apis.md A.3). For
 * OAuth2SAMLBearerAssertion the user comes from X-user-token, else from a user JWT in Authorization; without one the
 * token retrieval fails and says so in authTokens[0].error, as SAP's service does. A non-empty X-user-token "will be used
 * with priority over the Authorization header" (SAP-docs 39d4265): when the subaccount does not trust it (x-user-token.ts)
 * the retrieval fails — it never falls back to the Authorization user.
 */
export function createFindDestinationRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.get('/destinations/:name', async (req, res) => {
    const client = verifyClientToken(ctx, req.headers.authorization);
    const userFromAuthorization = verifyUserToken(ctx, req.headers.authorization);
    if (!client && !userFromAuthorization) {
      res.status(401).json({ ErrorMessage: 'Unauthorized: a valid access token of the Destination service is required' });
      return;
    }
    const destination = ctx.state.btp.destinations.get(req.params.name);
    if (!destination) {
      res.status(404).json({ ErrorMessage: 'Configuration with the specified name was not found' });
      return;
    }
    const result: Record<string, unknown> = {
      owner: { SubaccountId: ctx.state.btp.subaccountId, InstanceId: null },
      destinationConfiguration: destination,
    };
    if (destination.Authentication === 'OAuth2SAMLBearerAssertion' && req.query.$skipTokenRetrieval !== 'true') {
      const header = req.headers['x-user-token'];
      const xUserToken = typeof header === 'string' ? header.trim() : '';
      let token: AuthToken;
      if (xUserToken) {
        const checked = await checkXUserToken(ctx, destination, xUserToken);
        token = checked.ok ? await samlBearerToken(ctx, destination, checked.claims) : failed(UNCERTAIN.xUserTokenUntrustedMessage(checked.reason));
      } else if (userFromAuthorization) {
        token = await samlBearerToken(ctx, destination, userFromAuthorization.claims);
      } else {
        token = failed(UNCERTAIN.findDestinationNoUserMessage);
      }
      result.authTokens = [token];
    }
    res.json(result);
  });
  return router;
}
