import { createWithReadBack } from '../http/create-with-read-back.js';
import { ERROR_CODES } from '@tcc/shared';
import type { SecretString } from '../../secrets/mask.js';
import type { SapHttp } from '../http/sap-http.js';
import { createCommunicationApi, type CommunicationService, type RawAnswer } from './communication-api.js';
import { S4Error } from './errors.js';
import type { AuthenticationMethod, Collection, CommunicationArrangement, CommunicationSystem, CommunicationUser, InboundUser, OAuth2GrantType, UserLogonType } from './s4-types.js';

export interface S4ServiceDeps {
  /** createSapHttp({ system: 's4hana', … }). */
  http: SapHttp;
  host: { apiHost: string };
  client: string;
  /** The SAP_COM_0A48 communication user and its password (sap-apis.md D: bootstrapped by hand in Fiori). */
  user: string;
  password: SecretString | string;
  /** Told once when S/4 refuses that user (communication-api.ts). */
  onRefused?: () => Promise<void> | void;
}

export interface SystemPatch {
  name?: string;
  hostName?: string;
  oauth2IdentityProviderActive?: boolean;
  /** The trust certificate's CN, "OAuth 2.0 SAML Issuer" (sap-apis.md A.6, D). */
  oauth2IdentityProviderName?: string;
  /** "User ID Mapping Mode"; user_uuid for Task Center (sap-apis.md C). */
  userIdMappingMode?: UserLogonType;
  /** The signing certificate as base64 DER. Whether S/4 accepts it via API is UNCERTAIN (sap-apis.md D): S/4 answers S4_RULE if not. */
  signingCertificateBase64?: string;
  /** Written beside the certificate by the [3rd] migrator (NOTES.md 2.2) where $metadata shows them writable. */
  signingCertificateSubject?: string;
  signingCertificateIssuer?: string;
}

export type S4Service = ReturnType<typeof createS4Service>;

/**
 * Only the call that proves the chain (the task replication service with a token of the SAML bearer flow): it signs
 * in with that token, so Test connection needs no SAP_COM_0A48 user for it.
 */
export function createTaskReplicationProbe({ http, host, client }: Pick<S4ServiceDeps, 'http' | 'host' | 'client'>) {
  const api = createCommunicationApi({ http, apiHost: host.apiHost, client, user: '', password: '' });
  return { callTaskReplication: (bearerToken: SecretString | string): Promise<RawAnswer> => api.taskReplicationServiceDocument(bearerToken) };
}

/** OData string literal: quotes doubled (OData ABNF `SQUOTE-in-string`). */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The operations the seed steps need on S/4HANA Cloud, over SAP_COM_0A48 (sap-apis.md D) and SAP_COM_0501 (sap-apis.md C). */
export function createS4Service({ http, host, client, user, password, onRefused }: S4ServiceDeps) {
  const api = createCommunicationApi({ http, apiHost: host.apiHost, client, user, password, onRefused });
  const list = async <T>(service: CommunicationService, set: string, query: Record<string, string>, action: string) =>
    (await api.read<Collection<T>>(service, set, query, action)).value;

  /**
   * A POST is never repeated blindly (createSapHttp does not retry it). When no usable answer came (5xx, 429, timeout,
   * network), S/4 may still have created the object: look it up by its natural key, return it if there, else create once more.
   */
  async function createOnce<T>(create: () => Promise<T | undefined>, find: () => Promise<T | null>): Promise<T> {
    const created = await createWithReadBack<T | undefined>({
      create,
      find,
      isLost: (error) => error instanceof S4Error && error.code === ERROR_CODES.s4Unavailable,
    });
    if (created !== undefined) return created;
    // Gateway may answer 204 (Prefer: return=minimal); then the object is read back.
    const written = await find();
    if (!written) throw new Error('S/4HANA Cloud confirmed a create, but the object cannot be read back.');
    return written;
  }

  const service = {
    async findCommunicationUser(name: string): Promise<CommunicationUser | null> {
      const found = await list<CommunicationUser>('users', 'CommunicationUsers', { $filter: `Name eq ${literal(name)}` }, `look up communication user ${name}`);
      return found[0] ?? null;
    },

    /** Creates the user with its password; if an earlier answer was lost and the user exists, returns that user (password unchanged). */
    createCommunicationUser(input: { name: string; description: string; password: SecretString | string }): Promise<CommunicationUser> {
      const body = () => ({
        Name: input.name,
        Description: input.description,
        Type: 'customer_communication', // sap-apis.md D; NOTES.md §2.2 notes a conflicting 'B' default (UNCERTAIN)
        Password: typeof input.password === 'string' ? input.password : input.password.reveal(),
      });
      const create = () => api.post<CommunicationUser>('users', 'CommunicationUsers', body(), `create communication user ${input.name}`);
      return createOnce(create, () => service.findCommunicationUser(input.name));
    },

    async findCommunicationSystem(systemId: string): Promise<CommunicationSystem | null> {
      const query = { $filter: `ID eq ${literal(systemId)}`, $expand: 'InboundUsers' };
      return (await list<CommunicationSystem>('systems', 'CommunicationSystems', query, `look up communication system ${systemId}`))[0] ?? null;
    },

    /**
     * No deep insert of users: S/4 refuses it with CM_APS_CS/026 (NOTES.md §2.3); add them with createInboundUser.
     * Inbound-only: Task Center pulls (sap-apis.md C), and SAP_COM_0501's outbound part then needs no outbound user
     * (sap-field-facts.md row 6, CM_APS_CA/027).
     */
    createCommunicationSystem(input: { systemId: string; name: string; hostName: string; description?: string; identityProvider?: { issuer: string; userIdMappingMode: UserLogonType } }): Promise<CommunicationSystem> {
      // The OAuth 2.0 IdP fields go with the create, as the [3rd] migrator posts them (NOTES.md 2.2): no PATCH needed after.
      const idp = input.identityProvider
        ? { IsOAuth2IdentityProviderActive: true, OAuth2IdentityProviderName: input.identityProvider.issuer, OAuth2IdentityProviderUserLogonType: input.identityProvider.userIdMappingMode }
        : {};
      const body = { ID: input.systemId, Name: input.name, HostName: input.hostName, IsInboundOnly: true, ...idp, ...(input.description ? { Description: input.description } : {}) };
      const create = () => api.post<CommunicationSystem>('systems', 'CommunicationSystems', body, `create communication system ${input.systemId}`);
      return createOnce(create, () => service.findCommunicationSystem(input.systemId));
    },

    /** Sets the password of an existing user (writable per [3rd], sap-apis.md D; S/4 refuses otherwise). */
    async setCommunicationUserPassword(user: Pick<CommunicationUser, 'ID' | '@odata.etag'>, password: SecretString | string): Promise<void> {
      const action = `set the password of communication user ${user.ID}`;
      await api.patch('users', `CommunicationUsers(${literal(user.ID)})`, { Password: typeof password === 'string' ? password : password.reveal() }, action, user['@odata.etag']);
    },

    /** Unlocks the user (IsLocked is a field of CommunicationUsers, [3rd]; whether S/4 lets the API write it is unknown: S4_RULE if not). */
    async unlockCommunicationUser(user: Pick<CommunicationUser, 'ID' | '@odata.etag'>): Promise<void> {
      await api.patch('users', `CommunicationUsers(${literal(user.ID)})`, { IsLocked: false }, `unlock communication user ${user.ID}`, user['@odata.etag']);
    },

    /** Repoints an arrangement to an inbound user (sap-apis.md D: PATCH CommunicationArrangements(<uuid>)/InboundUser). */
    async setArrangementInboundUser(arrangement: Pick<CommunicationArrangement, 'UUID' | '@odata.etag'>, inboundUserUuid: string): Promise<void> {
      const action = 'assign the inbound user to the communication arrangement';
      const path = `CommunicationArrangements(${arrangement.UUID})/InboundUser`;
      await api.patch('arrangements', path, { CommunicationSystemInboundUserUUID: inboundUserUuid }, action, arrangement['@odata.etag']);
    },

    async updateCommunicationSystem(system: Pick<CommunicationSystem, 'UUID' | '@odata.etag'>, patch: SystemPatch): Promise<CommunicationSystem> {
      const uuid = system.UUID;
      const body = {
        ...(patch.name !== undefined ? { Name: patch.name } : {}),
        ...(patch.hostName !== undefined ? { HostName: patch.hostName } : {}),
        ...(patch.oauth2IdentityProviderActive !== undefined ? { IsOAuth2IdentityProviderActive: patch.oauth2IdentityProviderActive } : {}),
        ...(patch.oauth2IdentityProviderName !== undefined ? { OAuth2IdentityProviderName: patch.oauth2IdentityProviderName } : {}),
        ...(patch.userIdMappingMode !== undefined ? { OAuth2IdentityProviderUserLogonType: patch.userIdMappingMode } : {}),
        ...(patch.signingCertificateBase64 !== undefined ? { OAuth2IdentityProviderCertificatePublicKeyBase64: patch.signingCertificateBase64 } : {}),
        ...(patch.signingCertificateSubject !== undefined ? { OAuth2IdentityProviderCertificateSubject: patch.signingCertificateSubject } : {}),
        ...(patch.signingCertificateIssuer !== undefined ? { OAuth2IdentityProviderCertificateIssuer: patch.signingCertificateIssuer } : {}),
      };
      const action = 'update the communication system';
      const updated = await api.patch<CommunicationSystem>('systems', `CommunicationSystems(${uuid})`, body, action, system['@odata.etag']);
      return updated ?? api.read<CommunicationSystem>('systems', `CommunicationSystems(${uuid})`, { $expand: 'InboundUsers' }, action);
    },

    /** The tenant's OAuth 2.0 inbound users (all systems): how this tenant derives client IDs shows in them. */
    listInboundUsers: (): Promise<InboundUser[]> =>
      list<InboundUser>('systems', 'InboundUsers', { $filter: "AuthenticationMethod eq 'oauth2'" }, 'look up the OAuth 2.0 inbound users'),

    /** Every inbound entry of a user on a system (basic, OAuth 2.0 …: Fiori makes two, sap-field-facts.md row 7). */
    async findInboundUsers(systemUuid: string, communicationUserId: string): Promise<InboundUser[]> {
      const query = { $filter: `CommunicationSystemUUID eq ${systemUuid} and CommunicationUserID eq ${literal(communicationUserId)}` };
      return list<InboundUser>('systems', 'InboundUsers', query, `look up the inbound users of ${communicationUserId}`);
    },

    /**
     * Renames an OAuth 2.0 client: `PATCH InboundUsers(<uuid>)` with `OAuth2ClientID`, the documented fix for the internal
     * `CC…` IDs the API gives ([3rd-verified] s4hana-comm-management, sap-field-facts.md row 2). Answers what S/4 then holds.
     */
    async setInboundUserClientId(inbound: Pick<InboundUser, 'UUID' | '@odata.etag'>, clientId: string): Promise<InboundUser> {
      const action = `set the OAuth 2.0 client ID of inbound user ${inbound.UUID}`;
      const updated = await api.patch<InboundUser>('systems', `InboundUsers(${inbound.UUID})`, { OAuth2ClientID: clientId }, action, inbound['@odata.etag']);
      return updated ?? api.read<InboundUser>('systems', `InboundUsers(${inbound.UUID})`, {}, action);
    },

    /**
     * `communicationUserId` is the user's `CC…` ID. Without a method S/4 makes a basic entry (sap-field-facts.md row 1):
     * SAP_COM_0501 needs `{ authenticationMethod: 'oauth2', oauth2GrantType: 'saml2-bearer' }`.
     */
    createInboundUser(systemUuid: string, communicationUserId: string, options: { authenticationMethod?: AuthenticationMethod; oauth2GrantType?: OAuth2GrantType } = {}): Promise<InboundUser> {
      const body = {
        CommunicationSystemUUID: systemUuid,
        CommunicationUserID: communicationUserId,
        ...(options.authenticationMethod ? { AuthenticationMethod: options.authenticationMethod } : {}),
        ...(options.oauth2GrantType ? { OAuth2GrantType: options.oauth2GrantType } : {}),
      };
      const action = `add communication user ${communicationUserId} as inbound user`;
      const find = async () => {
        const found = await service.findInboundUsers(systemUuid, communicationUserId);
        return found.find((u) => u.AuthenticationMethod === (options.authenticationMethod ?? 'basic') && (u.OAuth2GrantType ?? '') === (options.oauth2GrantType ?? '')) ?? null;
      };
      return createOnce(() => api.post<InboundUser>('systems', 'InboundUsers', body, action), find);
    },

    async findArrangements(filter: { scenario?: string; systemId?: string; name?: string } = {}): Promise<CommunicationArrangement[]> {
      const clauses = [
        filter.scenario && `CommunicationScenarioID eq ${literal(filter.scenario)}`,
        filter.systemId && `CommunicationSystemID eq ${literal(filter.systemId)}`,
        filter.name && `Name eq ${literal(filter.name)}`,
      ].filter((c): c is string => !!c);
      const query = { ...(clauses.length ? { $filter: clauses.join(' and ') } : {}), $expand: 'InboundUser' };
      return list<CommunicationArrangement>('arrangements', 'CommunicationArrangements', query, 'look up communication arrangements');
    },

    /** Binds the system's inbound user by deep insert `InboundUser: { CommunicationSystemInboundUserUUID }` (sap-apis.md D). */
    createArrangement(input: { scenario: string; systemId: string; name: string; inboundUserUuid: string; description?: string }): Promise<CommunicationArrangement> {
      const body = {
        CommunicationScenarioID: input.scenario,
        CommunicationSystemID: input.systemId,
        Name: input.name,
        ...(input.description ? { Description: input.description } : {}),
        InboundUser: { CommunicationSystemInboundUserUUID: input.inboundUserUuid },
      };
      const create = () => api.post<CommunicationArrangement>('arrangements', 'CommunicationArrangements', body, `create communication arrangement ${input.name}`);
      return createOnce(create, async () => (await service.findArrangements({ name: input.name }))[0] ?? null);
    },

    /** The service's EDMX; feed it to entitySetsAndProperties to see the tenant's real fields. */
    readMetadata: (which: 'users' | 'systems' | 'arrangements') => api.metadata(which, `read the ${which} service metadata`),

    /** GET of the SAP_COM_0501 replication service document with a token from the SAML2 bearer flow: 200 proves the chain works. */
    callTaskReplication: (bearerToken: SecretString | string): Promise<RawAnswer> => api.taskReplicationServiceDocument(bearerToken),
  };
  return service;
}
