import { X509Certificate } from 'node:crypto';
import { Router, type ErrorRequestHandler } from 'express';
import type { SandboxContext } from '../context.js';
import type { Destination } from '../state.js';
import { certificateBase64 } from '../crypto/keys.js';
import {
  createArrangement,
  createCommunicationSystem,
  createCommunicationUser,
  createInboundUser,
  isSamlBearerClient,
  S4RuleError,
  updateCommunicationSystem,
} from '../s4/communication-model.js';
import { TOKEN_PATH } from '../s4/oauth-token.js';

const MAPPING_MODES: Record<string, string> = { 'User UUID': 'user_uuid', 'User Name': 'user_name' };
/** The upload dialog refuses anything but a certificate. */
function readsAsCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * What an admin does by hand (seed-procedure.md), as calls on the same state the OData services use: the BTP cockpit's
 * Download Trust and the three S/4 Fiori apps. Tests drive the guided, manual path with it.
 */
export function createFioriRouter(ctx: SandboxContext): Router {
  const router = Router();
  const s4 = ctx.state.s4;

  // Step 1: BTP cockpit > Destinations > Download Trust.
  router.get('/trust-certificate.pem', (_req, res) => {
    const active = ctx.state.btp.trust.active;
    if (!active) return void res.status(404).json({ error: { code: 'NO_TRUST', message: 'The subaccount has no trust certificate' } });
    res.type('application/x-pem-file').attachment(`${ctx.state.btp.subaccountId}.pem`).send(active.certificatePem);
  });

  // Steps 2–3: Maintain Communication Users > New.
  router.post('/communication-users', (req, res) => {
    const user = createCommunicationUser(s4, { Name: str(req.body.name), Description: str(req.body.description), Password: str(req.body.password) }, ctx.now());
    res.status(201).json({ id: user.ID, name: user.Name });
  });

  // Steps 4–13: Communication Systems > New, host, OAuth 2.0 identity provider, signing certificate, issuer, mapping, inbound user, save.
  router.post('/communication-systems', (req, res) => {
    const b = req.body as Record<string, unknown>;
    const system = createCommunicationSystem(s4, { ID: str(b.systemId), Name: str(b.systemName), HostName: str(b.hostName), IsInboundOnly: b.inboundOnly === true }, { deepInsertUsers: false });
    const pem = str(b.signingCertificatePem);
    if (pem && !readsAsCertificate(pem)) {
      throw new S4RuleError(400, 'FIORI/CERTIFICATE', 'The signing certificate could not be read', 'signingCertificatePem');
    }
    updateCommunicationSystem(s4, system.UUID, {
      IsOAuth2IdentityProviderActive: b.oauth2IdentityProvider !== false,
      OAuth2IdentityProviderName: str(b.samlIssuer),
      OAuth2IdentityProviderUserLogonType: MAPPING_MODES[str(b.userIdMappingMode)] ?? str(b.userIdMappingMode),
      ...(pem ? { OAuth2IdentityProviderCertificatePublicKeyBase64: certificateBase64(pem) } : {}),
    });
    const user = [...s4.communicationUsers.values()].find((u) => u.Name === str(b.inboundUserName));
    if (!user) throw new S4RuleError(400, 'FIORI/USER', `Communication user ${str(b.inboundUserName)} does not exist`, 'inboundUserName');
    // Saving a system that is an OAuth 2.0 IdP gives the user two entries: basic, and OAuth 2.0 (Confidential Client /
    // SAML 2.0 Bearer Assertion) with the user name as client ID (sap-apis.md C [3rd]; 6e5e004; sap-field-facts.md row 7).
    createInboundUser(s4, { CommunicationSystemUUID: system.UUID, CommunicationUserID: user.ID, AuthenticationMethod: 'basic' }, ctx.profile, 'fiori');
    if (b.oauth2IdentityProvider !== false) {
      createInboundUser(s4, { CommunicationSystemUUID: system.UUID, CommunicationUserID: user.ID, AuthenticationMethod: 'oauth2', OAuth2GrantType: 'saml2-bearer' }, ctx.profile, 'fiori');
    }
    res.status(201).json({ uuid: system.UUID, id: system.ID });
  });

  // Step 8 on an existing system: Communication Systems > (system) > Upload Signing Certificate (Fiori can, whatever the API may).
  router.post('/communication-systems/:id/signing-certificate', (req, res) => {
    const system = [...s4.communicationSystems.values()].find((s) => s.ID === req.params.id);
    if (!system) throw new S4RuleError(404, 'FIORI/SYSTEM', `Communication system ${req.params.id} does not exist`);
    const pem = str(req.body.pem);
    if (!readsAsCertificate(pem)) throw new S4RuleError(400, 'FIORI/CERTIFICATE', 'The signing certificate could not be read', 'pem');
    updateCommunicationSystem(s4, system.UUID, { OAuth2IdentityProviderCertificatePublicKeyBase64: certificateBase64(pem) });
    res.json({ id: system.ID, subject: system.OAuth2IdentityProviderCertificateSubject });
  });

  // Steps 14–18: Communication Arrangements > New; the inbound user fills in from the system.
  router.post('/communication-arrangements', (req, res) => {
    const system = [...s4.communicationSystems.values()].find((s) => s.ID === str(req.body.systemId));
    // Step 18: the user fills in from the system; for SAP_COM_0501 the OAuth 2.0 entry ("Confirm the Authentication Method is OAuth 2.0").
    const entries = [...s4.inboundUsers.values()].filter((u) => u.CommunicationSystemUUID === system?.UUID);
    const inbound = entries.find(isSamlBearerClient) ?? entries[0];
    const arrangement = createArrangement(
      s4,
      { CommunicationScenarioID: str(req.body.scenario), CommunicationSystemID: str(req.body.systemId), Name: str(req.body.name), InboundUserUUID: inbound?.UUID },
      ctx.profile,
    );
    res.status(201).json({ uuid: arrangement.UUID, name: arrangement.Name });
  });

  // Step 20: BTP cockpit > Destinations > New Destination (the password is typed separately, as in the cockpit), or
  // Edit of an existing one (replace): the properties given replace the stored ones; an empty password keeps the stored.
  router.post('/destinations', (req, res) => {
    const { tokenServicePassword, replace, ...properties } = req.body as Record<string, unknown>;
    const destination = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, String(value)]));
    if (!destination.Name || !destination.Type) throw new S4RuleError(400, 'FIORI/DESTINATION', 'Name and Type are required');
    const existing = ctx.state.btp.destinations.get(destination.Name);
    if (existing && replace !== 'true' && replace !== true) throw new S4RuleError(409, 'FIORI/DESTINATION', `Destination ${destination.Name} exists already; choose Replace to edit it`);
    const password = tokenServicePassword ? String(tokenServicePassword) : existing?.tokenServicePassword;
    if (password) destination.tokenServicePassword = password;
    ctx.state.btp.destinations.set(destination.Name, destination as Destination);
    res.status(existing ? 200 : 201).json({ name: destination.Name, replaced: Boolean(existing) });
  });

  // Step 19: the arrangement's OAuth 2.0 Details.
  router.get('/communication-arrangements/:name/oauth2-details', (req, res) => {
    const arrangement = [...s4.arrangements.values()].find((a) => a.Name === req.params.name);
    const inbound = arrangement && s4.inboundUsers.get(arrangement.InboundUserUUID);
    if (!inbound) return void res.status(404).json({ error: { code: 'FIORI/ARRANGEMENT', message: `No arrangement ${req.params.name} with an inbound user` } });
    res.json({ clientId: inbound.OAuth2ClientID, tokenServiceUrl: `https://${s4.apiHost}${TOKEN_PATH}`, samlAudience: `https://${s4.uiHost}` });
  });

  const fioriErrors: ErrorRequestHandler = (error, _req, res, next) => {
    if (error instanceof S4RuleError) return void res.status(error.status).json({ error: { code: error.code, message: error.message, target: error.target } });
    next(error);
  };
  router.use(fioriErrors);
  return router;
}
