import { randomUUID } from 'node:crypto';
import type { InboundUser, S4State } from '../../state.js';
import { UNCERTAIN } from '../../uncertain.js';
import { E, invalid, notFound, oneOf } from './rule-error.js';

/** Inbound users of a communication system (sap-apis.md D, NOTES.md 2.3): posted separately, never deep-inserted with the system. */

const AUTHENTICATION_METHODS = ['x509', 'basic', 'none', 'oauth2', 'oauth2_mtls', 'sso2', 'oauth1']; // [SAP-doc 207171e]
const GRANT_TYPES = ['authorization_code', 'saml2-bearer', 'ropc', 'client_credentials']; // [SAP-doc 207171e]

export function createInboundUser(
  s4: S4State,
  input: { CommunicationSystemUUID: string; CommunicationUserID: string; AuthenticationMethod?: string; OAuth2GrantType?: string; OAuth2ClientID?: string },
): InboundUser {
  const systemUuid = input.CommunicationSystemUUID?.toLowerCase() ?? '';
  if (!s4.communicationSystems.has(systemUuid)) throw invalid(E.systemNotFound, `Communication system ${input.CommunicationSystemUUID} does not exist`, 'CommunicationSystemUUID');
  // [3rd] NOTES.md 2.3: OAuth2ClientID without CommunicationUserID is refused with CM_APS_CS/026.
  if (!input.CommunicationUserID) {
    if (input.OAuth2ClientID) throw invalid(E.deepInsertOrClientIdWithoutUser, 'An OAuth 2.0 client ID needs a communication user', 'CommunicationUserID');
    throw invalid(E.inboundUserNeedsCommunicationUser, 'Enter a communication user', 'CommunicationUserID');
  }
  const user = s4.communicationUsers.get(input.CommunicationUserID);
  if (!user) throw invalid(E.userNotFound, `Communication user ${input.CommunicationUserID} does not exist`, 'CommunicationUserID');
  const grantType = input.OAuth2GrantType ?? '';
  if (grantType) oneOf(grantType, GRANT_TYPES, 'OAuth2GrantType', E.systemValueInvalid);
  // An OAuth 2.0 grant implies the oauth2 method; otherwise the Fiori default "User Name and Password".
  const method = input.AuthenticationMethod ?? (grantType ? 'oauth2' : 'basic');
  oneOf(method, AUTHENTICATION_METHODS, 'AuthenticationMethod', E.systemValueInvalid);
  const exists = [...s4.inboundUsers.values()].some(
    (u) => u.CommunicationSystemUUID === systemUuid && u.CommunicationUserID === user.ID && u.AuthenticationMethod === method && u.OAuth2GrantType === grantType,
  );
  if (exists) throw invalid(E.inboundUserDuplicate, `User ${user.Name} is already an inbound user of this system with this authentication method`, 'CommunicationUserID');
  const inbound: InboundUser = {
    UUID: randomUUID(),
    CommunicationSystemUUID: systemUuid,
    CommunicationUserID: user.ID,
    AuthenticationMethod: method,
    OAuth2GrantType: grantType,
    // sap-apis.md C/D: the SAML2 bearer Client ID is the communication user name (UNCERTAIN.clientIdIsCommunicationUserName).
    OAuth2ClientID: input.OAuth2ClientID || (UNCERTAIN.clientIdIsCommunicationUserName ? user.Name : user.ID),
  };
  s4.inboundUsers.set(inbound.UUID, inbound);
  return inbound;
}

export function deleteInboundUser(s4: S4State, uuid: string): void {
  const inbound = s4.inboundUsers.get(uuid.toLowerCase());
  if (!inbound) throw notFound(E.inboundUserNotFound, `Inbound user ${uuid} does not exist`);
  const arrangement = [...s4.arrangements.values()].find((a) => a.InboundUserUUID === inbound.UUID);
  if (arrangement) throw invalid(E.inboundUserInUse, `The inbound user is used in communication arrangement ${arrangement.Name}`);
  s4.inboundUsers.delete(inbound.UUID);
}
