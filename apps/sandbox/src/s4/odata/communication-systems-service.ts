import type { SandboxContext } from '../../context.js';
import type { CommunicationSystem, InboundUser } from '../../state.js';
import type { SandboxProfile } from '../../profile.js';
import { UNCERTAIN } from '../../uncertain.js';
import { createCommunicationSystem, createInboundUser, S4RuleError, deleteCommunicationSystem, deleteInboundUser, updateCommunicationSystem, updateInboundUser } from '../communication-model.js';
import { emptySet, extraPropertyStore, toEntity, type Entity, type PropertyDef, type ServiceDef } from './model.js';
import { badPayload } from './odata-errors.js';

export const COMMUNICATION_SYSTEMS_BASE_PATH = '/sap/opu/odata4/sap/aps_com_cs_a4c_odata/srvd_a2x/sap/aps_com_cs_a4c_odata/0001';

const str = (name: string, maxLength?: number): PropertyDef => ({ name, type: 'Edm.String', ...(maxLength ? { maxLength } : {}) });
const bool = (name: string): PropertyDef => ({ name, type: 'Edm.Boolean' });

/**
 * CommunicationSystemsType, key UUID (NOTES.md 2.2), with the full property list of NOTES.md 2.2 in its order. Types are
 * INFERRED from the [3rd] tool's defaults (Is* boolean, TCPPort number, DestinationServiceUUID guid, rest string); the only
 * known MaxLength is LogicalSystemID = 10 (NOTES.md 2.3). Certificate subject/issuer are derived from the certificate.
 */
const SYSTEM_PROPERTIES: PropertyDef[] = [
  { name: 'UUID', type: 'Edm.Guid', computed: true },
  ...['ID', 'Name', 'Type', 'Description'].map((n) => str(n)),
  { name: 'TCPPort', type: 'Edm.Int32' },
  str('LogicalSystemID', 10),
  ...['BusinessSystemID', 'SAPClient', 'HostName', 'HostNameUI', 'OwnerContactPersonName', 'OwnerContactPersonPhone', 'OwnerContactPersonEMail'].map((n) => str(n)),
  bool('IsOwnSystem'),
  str('CipherSuites'),
  bool('IsCipherSuiteDefault'), // a boolean despite the doc's enum (NOTES.md 2.1 UNCERTAIN)
  bool('IsOAuth2IdentityProviderActive'),
  str('OAuth2IdentityProviderName'),
  str('OAuth2IdentityProviderUserLogonType'),
  { name: 'OAuth2IdentityProviderCertificateSubject', type: 'Edm.String', computed: true },
  { name: 'OAuth2IdentityProviderCertificateIssuer', type: 'Edm.String', computed: true },
  str('OAuth2IdentityProviderCertificatePublicKeyBase64'),
  ...['OAuth2AuthorizationEndpoint', 'OAuth2TokenEndpoint', 'OAuth2MTLSEndpoint', 'OAuth2Audience', 'OAuth2RedirectURI'].map((n) => str(n)),
  bool('IsRemoteSQLAccessActive'),
  str('RemoteSQLAdapterName'),
  str('RemoteSQLAdapterConfiguration'),
  bool('IsSAPCloudConnectorActive'),
  str('SAPCloudConnectorLocationID'),
  bool('IsRFCLoadBalancingActive'),
  ...['RFCSAPSystemID', 'RFCSAPSystemNumber', 'RFCLogonGroup', 'RFCMessageServerTargetHost'].map((n) => str(n)),
  bool('IsRFCFastSerializationActive'),
  { name: 'DestinationServiceUUID', type: 'Edm.Guid' },
  str('DestinationServiceName'),
  bool('IsDefaultDestinationServiceActive'),
  bool('IsHubSystem'),
  bool('IsInboundOnly'),
  bool('IsSAMLBearerAssertionProviderActive'),
  ...['Name', 'CertificateSubject', 'CertificateIssuer', 'CertificatePublicKeyBase64', 'UserLogonType'].map((n) => str(`SAMLBearerAssertionProvider${n}`)),
];

const SIGNING_CERTIFICATE = 'OAuth2IdentityProviderCertificatePublicKeyBase64';

/** Where the tenant does not let the API write the signing certificate (profile switch), $metadata marks it computed and writes are ignored. */
const systemProperties = (profile: SandboxProfile): PropertyDef[] =>
  SYSTEM_PROPERTIES.map((p) => (p.name === SIGNING_CERTIFICATE && !profile.signingCertificateWritable && profile.signingCertificateShownReadOnly ? { ...p, computed: true } : p));

/** Where $metadata does not tell (profile.ts signingCertificateShownReadOnly false), a write of the certificate is refused. */
function refuseUnwritableCertificate(profile: SandboxProfile, body: Entity): void {
  if (SIGNING_CERTIFICATE in body && !profile.signingCertificateWritable) {
    throw new S4RuleError(400, UNCERTAIN.communicationManagementErrors.signingCertificateNotWritable, 'The signing certificate cannot be changed through this API', SIGNING_CERTIFICATE);
  }
}

/** InboundUsersType, key UUID (NOTES.md 2.3); Edm types INFERRED. */
const INBOUND_USER_PROPERTIES: PropertyDef[] = [
  { name: 'UUID', type: 'Edm.Guid', computed: true },
  { name: 'CommunicationSystemUUID', type: 'Edm.Guid' },
  str('CommunicationUserID', 12),
  ...['AuthenticationMethod', 'OAuth2ClientID', 'OAuth2GrantType'].map((n) => str(n)),
  bool('IsOAuth2RefreshTokenAllowed'),
  { name: 'OAuth2RefreshTokenExpiryValue', type: 'Edm.Int32' },
  str('OAuth2RefreshTokenExpiryUnit'),
];

/** Navigations OpenIDConnect and EventChannel of a system (D.6; the [3rd] migrator expands them): not simulated, properties INFERRED. */
const SYSTEM_PART_PROPERTIES: PropertyDef[] = [
  { name: 'UUID', type: 'Edm.Guid', computed: true },
  { name: 'CommunicationSystemUUID', type: 'Edm.Guid' },
];

/** OutboundUsersType (NOTES.md 2.3) and BusinessPartnersType (INFERRED): listed by the service, not simulated. */
const OUTBOUND_USER_PROPERTIES: PropertyDef[] = [
  { name: 'UUID', type: 'Edm.Guid', computed: true },
  { name: 'CommunicationSystemUUID', type: 'Edm.Guid' },
  ...['Name', 'OAuth2ClientID', 'OAuth2ClientAuthenticationMethod', 'CertificateID', 'AuthenticationMethod', 'Password'].map((n) => str(n)),
];
const BUSINESS_PARTNER_PROPERTIES: PropertyDef[] = [
  { name: 'UUID', type: 'Edm.Guid', computed: true },
  { name: 'CommunicationSystemUUID', type: 'Edm.Guid' },
  str('BusinessPartner', 10),
];

const SYSTEM_STATE_KEYS = ['ID', 'Name', 'Type', 'Description', 'HostName', 'IsInboundOnly', 'IsOAuth2IdentityProviderActive', 'OAuth2IdentityProviderName',
  'OAuth2IdentityProviderUserLogonType', 'OAuth2IdentityProviderCertificatePublicKeyBase64'];
const INBOUND_STATE_KEYS = ['CommunicationSystemUUID', 'CommunicationUserID', 'AuthenticationMethod', 'OAuth2ClientID', 'OAuth2GrantType'];

const nonEmpty = (value: unknown) => (Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined);

export function communicationSystemsService(ctx: SandboxContext): ServiceDef {
  const s4 = () => ctx.state.s4;
  const systemExtras = extraPropertyStore<CommunicationSystem>(SYSTEM_STATE_KEYS);
  const inboundExtras = extraPropertyStore<InboundUser>(INBOUND_STATE_KEYS);
  const toSystem = (s: CommunicationSystem) => toEntity(s, SYSTEM_PROPERTIES, { TCPPort: 443, ...systemExtras.read(s) });
  const toInbound = (u: InboundUser) => toEntity(u, INBOUND_USER_PROPERTIES, inboundExtras.read(u));
  const inboundUsersOf = (system: Entity) => [...s4().inboundUsers.values()].filter((u) => u.CommunicationSystemUUID === system.UUID).map(toInbound);
  const createInboundUserOf = (body: Entity) => {
    const { state, extra } = inboundExtras.split(body);
    const inbound = createInboundUser(s4(), state as Parameters<typeof createInboundUser>[1], ctx.profile);
    inboundExtras.save(inbound, extra);
    return toInbound(inbound);
  };

  return {
    name: 'aps_com_cs_a4c_odata',
    basePath: COMMUNICATION_SYSTEMS_BASE_PATH,
    sets: [
      {
        name: 'CommunicationSystems',
        typeName: 'CommunicationSystemsType',
        key: 'UUID',
        get properties() {
          return systemProperties(ctx.profile);
        },
        navigation: [
          {
            name: 'InboundUsers',
            target: 'InboundUsers',
            many: true,
            read: inboundUsersOf,
            // POST CommunicationSystems(<uuid>)/InboundUsers (D.28): an inbound user of that system.
            write: (system, body) => createInboundUserOf({ ...body, CommunicationSystemUUID: String(system.UUID) }),
          },
          { name: 'OutboundUsers', target: 'OutboundUsers', many: true, read: () => [] },
          { name: 'BusinessPartners', target: 'BusinessPartners', many: true, read: () => [] },
          { name: 'OpenIDConnect', target: 'OpenIDConnect', many: false, read: () => null },
          { name: 'EventChannel', target: 'EventChannel', many: false, read: () => null },
        ],
        all: () => [...s4().communicationSystems.values()].map(toSystem),
        create: (body, navigation) => {
          refuseUnwritableCertificate(ctx.profile, body);
          if (nonEmpty(navigation.BusinessPartners)) throw badPayload('Business partners of a communication system are not simulated by the sandbox', 'BusinessPartners');
          const { state, extra } = systemExtras.split(body);
          const deepInsertUsers = nonEmpty(navigation.InboundUsers) || nonEmpty(navigation.OutboundUsers);
          const system = createCommunicationSystem(s4(), state as Partial<CommunicationSystem> & { ID: string; Name: string }, { deepInsertUsers });
          systemExtras.save(system, extra);
          return toSystem(system);
        },
        update: (uuid, body) => {
          refuseUnwritableCertificate(ctx.profile, body);
          const { state, extra } = systemExtras.split(body);
          const system = updateCommunicationSystem(s4(), uuid, state as Partial<CommunicationSystem>);
          systemExtras.save(system, extra);
          return toSystem(system);
        },
        remove: (uuid) => deleteCommunicationSystem(s4(), uuid),
      },
      {
        name: 'InboundUsers',
        typeName: 'InboundUsersType',
        key: 'UUID',
        properties: INBOUND_USER_PROPERTIES,
        all: () => [...s4().inboundUsers.values()].map(toInbound),
        create: (body) => createInboundUserOf(body),
        update: (uuid, body) => {
          const { state, extra } = inboundExtras.split(body);
          const inbound = updateInboundUser(s4(), uuid, state as Partial<InboundUser>, ctx.profile);
          inboundExtras.save(inbound, extra);
          return toInbound(inbound);
        },
        remove: (uuid) => deleteInboundUser(s4(), uuid),
      },
      emptySet('OutboundUsers', 'OutboundUsersType', 'UUID', OUTBOUND_USER_PROPERTIES),
      emptySet('OpenIDConnect', 'OpenIDConnectType', 'UUID', SYSTEM_PART_PROPERTIES),
      emptySet('EventChannel', 'EventChannelType', 'UUID', SYSTEM_PART_PROPERTIES),
      emptySet('BusinessPartners', 'BusinessPartnersType', 'UUID', BUSINESS_PARTNER_PROPERTIES),
    ],
  };
}
