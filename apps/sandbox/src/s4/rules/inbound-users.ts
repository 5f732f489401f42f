import { randomUUID } from 'node:crypto';
import type { SandboxProfile } from '../../profile.js';
import type { CommunicationUser, InboundUser, S4State } from '../../state.js';
import { duplicate, E, invalid, notFound, oneOf } from './rule-error.js';

/**
 * Inbound users of a communication system (sap-apis.md D, NOTES.md 2.3): posted separately, never deep-inserted with
 * the system. A user may have several entries on one system, one per authentication method: Fiori adds an OAuth 2.0
 * entry beside the basic one when the system is an OAuth 2.0 identity provider (sap-apis.md C, [3rd]).
 */

const AUTHENTICATION_METHODS = ['x509', 'basic', 'none', 'oauth2', 'oauth2_mtls', 'sso2', 'oauth1']; // [SAP-doc 207171e]
const GRANT_TYPES = ['authorization_code', 'saml2-bearer', 'ropc', 'client_credentials']; // [SAP-doc 207171e]

/** What SAP_COM_0501 needs for the SAML 2.0 bearer flow (seed step 18; 6e5e004): an OAuth 2.0 user with that grant. */
export const isSamlBearerClient = (u: InboundUser) => u.AuthenticationMethod === 'oauth2' && u.OAuth2GrantType === 'saml2-bearer';

/** OAuth2ClientID is unique in the tenant ([3rd-verified] s4hana-comm-management, sap-field-facts.md row 2). */
function checkClientIdFree(s4: S4State, clientId: string, except?: string): void {
  const taken = [...s4.inboundUsers.values()].find((u) => u.UUID !== except && u.OAuth2ClientID !== '' && u.OAuth2ClientID.toUpperCase() === clientId.toUpperCase());
  // Wording from the [3rd-verified] skill's error table ("…OAuth2 Client ID X is already assigned to Comm. System Y").
  const system = taken && s4.communicationSystems.get(taken.CommunicationSystemUUID);
  if (taken) throw duplicate(E.clientIdTaken, `OAuth2 Client ID ${clientId} is already assigned to Comm. System ${system ? system.ID : taken.CommunicationSystemUUID}`, 'OAuth2ClientID');
}

/**
 * The client ID S/4 gives a new OAuth 2.0 entry: through the API the internal `CC…` ID ([3rd-verified]), in Fiori the
 * user name (6e5e004 "Client Key — the name of the communication user"); which one the API gives is a profile switch.
 */
function derivedClientId(user: CommunicationUser, profile: SandboxProfile, via: 'api' | 'fiori'): string {
  return via === 'api' && profile.clientIdIsInternalId ? user.ID : user.Name;
}

export function createInboundUser(
  s4: S4State,
  input: { CommunicationSystemUUID: string; CommunicationUserID: string; AuthenticationMethod?: string; OAuth2GrantType?: string; OAuth2ClientID?: string },
  profile: SandboxProfile,
  via: 'api' | 'fiori' = 'api',
): InboundUser {
  const systemUuid = input.CommunicationSystemUUID?.toLowerCase() ?? '';
  if (!s4.communicationSystems.has(systemUuid)) throw invalid(E.systemNotFound, `Communication system ${input.CommunicationSystemUUID} does not exist`, 'CommunicationSystemUUID');
  // [3rd] NOTES.md 2.3: OAuth2ClientID without CommunicationUserID is refused with CM_APS_CS/026.
  if (!input.CommunicationUserID) {
    if (input.OAuth2ClientID) throw invalid(E.deepInsertOrClientIdWithoutUser, 'User ID or OAuth client ID is missing', 'CommunicationUserID'); // [3rd-verified] wording
    throw invalid(E.inboundUserNeedsCommunicationUser, 'Enter a communication user', 'CommunicationUserID');
  }
  const user = s4.communicationUsers.get(input.CommunicationUserID);
  if (!user) throw invalid(E.userNotFound, `Communication user ${input.CommunicationUserID} does not exist`, 'CommunicationUserID');
  const grantType = input.OAuth2GrantType ?? '';
  if (grantType) oneOf(grantType, GRANT_TYPES, 'OAuth2GrantType', E.systemValueInvalid);
  // sap-field-facts.md row 1: without a method the API makes a basic ("User Name and Password") entry, as Fiori's default.
  const method = input.AuthenticationMethod ?? 'basic';
  oneOf(method, AUTHENTICATION_METHODS, 'AuthenticationMethod', E.systemValueInvalid);
  if (method === 'oauth2' && !grantType) throw invalid(E.systemValueInvalid, 'An OAuth 2.0 inbound user needs OAuth2GrantType', 'OAuth2GrantType');
  if (method !== 'oauth2' && grantType) throw invalid(E.systemValueInvalid, `OAuth2GrantType is only allowed with AuthenticationMethod oauth2, not ${method}`, 'OAuth2GrantType');
  const exists = [...s4.inboundUsers.values()].some((u) => u.CommunicationSystemUUID === systemUuid && u.CommunicationUserID === user.ID && u.AuthenticationMethod === method);
  if (exists) throw duplicate(E.inboundUserDuplicate, `User ${user.Name} is already used as inbound user of this system with authentication method ${method}`, 'CommunicationUserID');
  let clientId = '';
  if (method === 'oauth2') {
    // A client ID sent on create is taken only where the tenant lets clients be named (else S/4 derives it, silently).
    clientId = input.OAuth2ClientID && profile.clientIdChangeable ? input.OAuth2ClientID : derivedClientId(user, profile, via);
    checkClientIdFree(s4, clientId);
  }
  const inbound: InboundUser = {
    UUID: randomUUID(),
    CommunicationSystemUUID: systemUuid,
    CommunicationUserID: user.ID,
    AuthenticationMethod: method,
    OAuth2GrantType: grantType,
    OAuth2ClientID: clientId,
  };
  s4.inboundUsers.set(inbound.UUID, inbound);
  return inbound;
}

/**
 * PATCH InboundUsers(<uuid>): [3rd-verified] renames the OAuth 2.0 client (`OAuth2ClientID` = the user name is the
 * documented fix for `CC…` IDs), where the profile allows it. Method, grant and user are fixed: make a new entry instead.
 */
export function updateInboundUser(s4: S4State, uuid: string, patch: Partial<InboundUser>, profile: SandboxProfile): InboundUser {
  const inbound = findInboundUser(s4, uuid);
  for (const field of ['CommunicationSystemUUID', 'CommunicationUserID', 'AuthenticationMethod', 'OAuth2GrantType'] as const) {
    if (patch[field] !== undefined && String(patch[field]).toLowerCase() !== inbound[field].toLowerCase()) throw invalid(E.inboundUserFieldImmutable, `${field} of an inbound user cannot be changed`, field);
  }
  if (patch.OAuth2ClientID !== undefined && patch.OAuth2ClientID !== inbound.OAuth2ClientID) {
    if (inbound.AuthenticationMethod !== 'oauth2') throw invalid(E.inboundUserFieldImmutable, 'Only an OAuth 2.0 inbound user has a client ID', 'OAuth2ClientID');
    if (!profile.clientIdChangeable) throw invalid(E.inboundUserFieldImmutable, 'The OAuth 2.0 client ID cannot be changed', 'OAuth2ClientID');
    if (!patch.OAuth2ClientID.trim()) throw invalid(E.systemValueInvalid, 'Enter an OAuth 2.0 client ID', 'OAuth2ClientID');
    checkClientIdFree(s4, patch.OAuth2ClientID, inbound.UUID);
    inbound.OAuth2ClientID = patch.OAuth2ClientID;
  }
  return inbound;
}

export function deleteInboundUser(s4: S4State, uuid: string): void {
  const inbound = findInboundUser(s4, uuid);
  const arrangement = [...s4.arrangements.values()].find((a) => a.InboundUserUUID === inbound.UUID);
  if (arrangement) throw invalid(E.inboundUserInUse, `The inbound user is used in communication arrangement ${arrangement.Name}`);
  s4.inboundUsers.delete(inbound.UUID);
}

function findInboundUser(s4: S4State, uuid: string): InboundUser {
  const inbound = s4.inboundUsers.get(uuid.toLowerCase());
  if (!inbound) throw notFound(E.inboundUserNotFound, `Inbound user ${uuid} does not exist`);
  return inbound;
}
