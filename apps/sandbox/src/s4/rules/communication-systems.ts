import { randomUUID, X509Certificate } from 'node:crypto';
import type { CommunicationSystem, S4State } from '../../state.js';
import { UNCERTAIN } from '../../uncertain.js';
import { duplicate, E, invalid, notFound, oneOf } from './rule-error.js';

/**
 * Communication systems (sap-apis.md D, NOTES.md 2.1/2.2): key UUID, unique string ID, enumerations, signing certificate upload.
 * Arrangements refer to a system by its string ID, so the ID is fixed once created.
 */

const SYSTEM_TYPES = ['customer_managed', 'provider_managed']; // [SAP-doc 207171e]

type SystemFields = Partial<Omit<CommunicationSystem, 'UUID'>>;

/**
 * Subject and issuer come from the uploaded certificate (sap-apis.md D: the field holds the whole DER, UNCERTAIN). Whether
 * the API may write it is profile.ts signingCertificateWritable, decided in the OData layer (the property is then computed);
 * Fiori's "Upload Signing Certificate" always can.
 */
function applySigningCertificate(system: CommunicationSystem, base64: string): void {
  if (base64 === '') {
    Object.assign(system, { OAuth2IdentityProviderCertificatePublicKeyBase64: '', OAuth2IdentityProviderCertificateSubject: '', OAuth2IdentityProviderCertificateIssuer: '' });
    return;
  }
  let certificate: X509Certificate;
  try {
    if (!/^[A-Za-z0-9+/=\s]+$/.test(base64)) throw new Error('not base64');
    certificate = new X509Certificate(Buffer.from(base64, 'base64'));
  } catch {
    throw invalid(E.signingCertificateInvalid, 'The signing certificate is not a valid X.509 certificate (DER, base64)', 'OAuth2IdentityProviderCertificatePublicKeyBase64');
  }
  const dn = (text: string) => text.split('\n').filter(Boolean).join(UNCERTAIN.certificateDnSeparator);
  system.OAuth2IdentityProviderCertificatePublicKeyBase64 = base64.replace(/\s/g, '');
  system.OAuth2IdentityProviderCertificateSubject = dn(certificate.subject);
  system.OAuth2IdentityProviderCertificateIssuer = dn(certificate.issuer);
}

function applySystemFields(system: CommunicationSystem, fields: SystemFields): void {
  if (fields.Type !== undefined) oneOf(fields.Type, SYSTEM_TYPES, 'Type', E.systemValueInvalid);
  const logonType = fields.OAuth2IdentityProviderUserLogonType;
  if (logonType !== undefined && logonType !== '') oneOf(logonType, UNCERTAIN.userLogonTypes, 'OAuth2IdentityProviderUserLogonType', E.systemValueInvalid);
  if (fields.Name !== undefined && !fields.Name.trim()) throw invalid(E.systemNameRequired, 'Enter a system name', 'Name');
  const { OAuth2IdentityProviderCertificatePublicKeyBase64: certificate, OAuth2IdentityProviderCertificateSubject, OAuth2IdentityProviderCertificateIssuer, ...plain } = fields;
  // Subject and issuer are derived (computed) fields: values sent for them are ignored, as OData clients expect of computed properties.
  void OAuth2IdentityProviderCertificateSubject;
  void OAuth2IdentityProviderCertificateIssuer;
  if (certificate !== undefined) applySigningCertificate(system, certificate);
  Object.assign(system, plain);
}

export function createCommunicationSystem(
  s4: S4State,
  input: Partial<CommunicationSystem> & { ID: string; Name: string },
  options: { deepInsertUsers: boolean },
): CommunicationSystem {
  // [3rd] NOTES.md 2.3: deep insert of users fails with CM_APS_CS/026; create the system first, then POST InboundUsers.
  if (options.deepInsertUsers) {
    throw invalid(E.deepInsertOrClientIdWithoutUser, 'Users cannot be created together with the communication system; create the system first, then its users', 'InboundUsers');
  }
  const id = input.ID?.trim() ?? '';
  if (!id) throw invalid(E.systemIdRequired, 'Enter a system ID', 'ID');
  if (!input.Name?.trim()) throw invalid(E.systemNameRequired, 'Enter a system name', 'Name');
  if ([...s4.communicationSystems.values()].some((s) => s.ID.toUpperCase() === id.toUpperCase())) {
    throw duplicate(E.systemIdTaken, `Communication system ${id} already exists`, 'ID');
  }
  const system: CommunicationSystem = {
    UUID: randomUUID(),
    ID: id,
    Name: '',
    Type: 'customer_managed',
    Description: '',
    HostName: '',
    IsInboundOnly: false,
    IsOAuth2IdentityProviderActive: false,
    OAuth2IdentityProviderName: '',
    OAuth2IdentityProviderUserLogonType: '',
    OAuth2IdentityProviderCertificateSubject: '',
    OAuth2IdentityProviderCertificateIssuer: '',
    OAuth2IdentityProviderCertificatePublicKeyBase64: '',
  };
  const { UUID: _ignoredComputedKey, ID: _id, ...fields } = input;
  applySystemFields(system, fields);
  s4.communicationSystems.set(system.UUID, system);
  return system;
}

export function updateCommunicationSystem(s4: S4State, uuid: string, patch: Partial<CommunicationSystem>): CommunicationSystem {
  const system = findSystem(s4, uuid);
  if (patch.UUID !== undefined && patch.UUID.toLowerCase() !== system.UUID) throw invalid(E.systemIdImmutable, 'The key UUID cannot be changed', 'UUID');
  // Arrangements refer to the system by its ID (sap-apis.md D), so the sandbox keeps it fixed.
  if (patch.ID !== undefined && patch.ID !== system.ID) throw invalid(E.systemIdImmutable, 'The system ID cannot be changed', 'ID');
  const { UUID: _uuid, ID: _id, ...fields } = patch;
  const draft = { ...system };
  applySystemFields(draft, fields); // on a copy: a refused field leaves the system unchanged
  Object.assign(system, draft);
  return system;
}

export function deleteCommunicationSystem(s4: S4State, uuid: string): void {
  const system = findSystem(s4, uuid);
  const user = [...s4.arrangements.values()].find((a) => a.CommunicationSystemID === system.ID);
  if (user) throw invalid(E.systemInUse, `Communication system ${system.ID} is used in communication arrangement ${user.Name}`);
  for (const inbound of [...s4.inboundUsers.values()]) if (inbound.CommunicationSystemUUID === system.UUID) s4.inboundUsers.delete(inbound.UUID);
  s4.communicationSystems.delete(system.UUID);
}

function findSystem(s4: S4State, uuid: string): CommunicationSystem {
  const system = s4.communicationSystems.get(uuid.toLowerCase());
  if (!system) throw notFound(E.systemNotFound, `Communication system ${uuid} does not exist`);
  return system;
}
