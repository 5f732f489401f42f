import { ERROR_CODES, type DestinationServiceKey } from '@tcc/shared';
import { createWithReadBack } from '../http/create-with-read-back.js';
import { SecretString } from '../../secrets/mask.js';
import { SapTransportError, type SapHttp } from '../http/sap-http.js';
import { createAccessToken } from './access-token.js';
import { createDestinationApi, type Destination, type RawAnswer } from './destination-api.js';
import { BtpError, RotationOutcomeUnknownError, toBtpError, type BtpErrorContext } from './errors.js';

/*
 * Why not @sap-cloud-sdk/connectivity: its HTTP stack cannot be routed through our outbound guard
 * (createGuardedFetch), and its circuit breaker and token/destination caches are process-wide, shared across
 * tenants (/work/shared/reference/sap-cloud-sdk.md "Process-wide state"). One tenant's failing subaccount would open
 * the breaker for others, and a cached destination could outlive the tenant's key. These few REST calls are cheaper.
 */

/** Find destination's answer (sap-apis.md A.3; NOTES.md §1 DestinationLookUpResult). */
export interface DestinationLookup {
  owner: { SubaccountId?: string; InstanceId?: string | null };
  destinationConfiguration: Destination;
  /** For OAuth2SAMLBearerAssertion: on failure type and value are empty and `error` says why (A.3). */
  authTokens?: { type: string; value: string; http_header: { key: string; value: string }; expires_in?: string; error?: string }[];
  certificates?: { Name: string; Type?: string; Content: string }[];
}

export interface BtpServiceDeps {
  /** createSapHttp with system 'btp'. */
  http: SapHttp;
  /** The key's other fields are not needed; the secret may arrive wrapped (it is revealed only when sent). */
  serviceKey: Pick<DestinationServiceKey, 'clientid' | 'url' | 'uri'> & { clientsecret: SecretString | string };
  clock: () => Date;
}

type Resource = BtpErrorContext['resource'];

/** Operations on one subaccount's Destination service, with typed errors (errors.ts) instead of statuses. */
export function createBtpService({ http, serviceKey, clock }: BtpServiceDeps) {
  const { clientid, url: xsuaaUrl, uri: destinationUri } = serviceKey;
  const secret = typeof serviceKey.clientsecret === 'string' ? new SecretString(serviceKey.clientsecret) : serviceKey.clientsecret;
  const api = createDestinationApi({ http, xsuaaUrl, destinationUri });
  const token = createAccessToken({ api, clientId: clientid, clientSecret: secret, xsuaaUrl, destinationUri, clock });
  const fail = (failure: number | SapTransportError, body: string, operation: string, resource?: Resource) =>
    toBtpError(failure, body, { operation, endpoint: 'destination-service', xsuaaUrl, destinationUri, resource, secrets: [secret.reveal()] });

  /** One Destination service call with a token. A cached token BTP refuses (401) is replaced once. */
  async function send(operation: string, resource: Resource, call: (t: SecretString) => Promise<RawAnswer>): Promise<RawAnswer> {
    const wasCached = token.isCached();
    try {
      const answer = await call(await token.get());
      if (answer.status !== 401 || !wasCached) return answer;
      token.drop();
      return await call(await token.get());
    } catch (error) {
      throw error instanceof SapTransportError ? fail(error, '', operation, resource) : error;
    }
  }
  /**
   * Any 2xx is success: SPEC's statuses (via sap-field-facts.md) are 200 for the trust POSTs and the passive DELETE, 201 or
   * 207 for a bulk POST, 200 for a DELETE. A 207 carries per-item BulkResponse statuses that a caller sending an array would
   * have to read; nothing here sends one.
   */
  const succeeded = (answer: RawAnswer, operation: string, resource?: Resource): RawAnswer => {
    if (answer.status >= 200 && answer.status < 300) return answer;
    throw fail(answer.status, answer.text, operation, resource);
  };
  function json<T>(answer: RawAnswer, operation: string): T {
    try {
      return JSON.parse(answer.text) as T;
    } catch {
      throw new BtpError(ERROR_CODES.btpUnavailable, `BTP answered something other than JSON (could not ${operation}); try again in a few minutes.`, 502, answer.status);
    }
  }
  /** GET that answers null on 404 (reading to decide, not because the object must exist). */
  async function readOrNull<T>(operation: string, resource: Resource, call: (t: SecretString) => Promise<RawAnswer>): Promise<T | null> {
    const answer = await send(operation, resource, call);
    return answer.status === 404 ? null : json<T>(succeeded(answer, operation, resource), operation);
  }

  const service = {
    /** The service key's XSUAA: its user tokens are the ones this subaccount accepts without further setup. */
    xsuaaUrl,

    /**
     * A business user's JWT for Test connection (password grant at the key's XSUAA). Answers the token, or why XSUAA
     * refused it — the user's password never appears in the reason.
     */
    async userToken(userName: string, password: SecretString): Promise<{ token: SecretString } | { refused: string }> {
      const answer = await api.requestUserToken(clientid, secret, userName, password).catch((error: unknown) => {
        throw error instanceof SapTransportError ? fail(error, '', 'get a token for the test user') : error;
      });
      let body: { access_token?: unknown; error?: unknown; error_description?: unknown } = {};
      try {
        body = JSON.parse(answer.text) as typeof body;
      } catch {
        // no JSON: reported below with the status
      }
      if (answer.status === 200 && typeof body.access_token === 'string' && body.access_token) return { token: new SecretString(body.access_token) };
      const said = [body.error, body.error_description].filter((part) => typeof part === 'string' && part).join(': ');
      return { refused: `XSUAA at ${xsuaaUrl} answered ${answer.status}${said ? ` (${said.replaceAll(password.reveal(), '***')})` : ''}` };
    },

    /** The active trust certificate (PEM) — what the cockpit's Destination Trust exports (sap-apis.md A.5). */
    async getTrustCertificate(): Promise<string> {
      const operation = 'read the trust certificate';
      const resource: Resource = { kind: 'trust-certificate' };
      const answer = succeeded(await send(operation, resource, (t) => api.readTrustCertificate(t)), operation, resource);
      const { certificate } = json<{ certificate?: unknown }>(answer, operation);
      if (typeof certificate !== 'string' || !certificate.includes('BEGIN CERTIFICATE')) throw fail(404, '', operation, resource);
      return certificate;
    },

    /** The passive trust certificate (PEM) waiting for a rotation, or null when there is none (A.5: 404). */
    async getPassiveTrustCertificate(): Promise<string | null> {
      const operation = 'read the passive trust certificate';
      const answer = await send(operation, undefined, (t) => api.readTrustCertificate(t, 'passive'));
      if (answer.status === 404) return null;
      const { certificate } = json<{ certificate?: unknown }>(succeeded(answer, operation), operation);
      return typeof certificate === 'string' && certificate.includes('BEGIN CERTIFICATE') ? certificate : null;
    },

    /**
     * Generates (or renews) the passive trust certificate (A.5 `POST …/certificate/passive`, 200 per A.42). The active
     * one keeps signing: nothing changes for S/4 until the rotation.
     */
    async generatePassiveTrustCertificate(): Promise<string> {
      const operation = 'generate the passive trust certificate';
      const resource: Resource = { kind: 'trust-certificate' };
      const answer = succeeded(await send(operation, resource, (t) => api.generatePassiveTrustCertificate(t)), operation, resource);
      const { certificate } = json<{ certificate?: unknown }>(answer, operation);
      // The answer's body is not settled by every source: the certificate is read where it is documented (GET).
      if (typeof certificate === 'string' && certificate.includes('BEGIN CERTIFICATE')) return certificate;
      const read = await service.getPassiveTrustCertificate();
      if (!read) throw fail(404, '', operation, resource);
      return read;
    },

    /**
     * Swaps active and passive (A.5 `POST …/rotateCertificate`; 404 without a passive one, A.44). Answers BTP's active
     * certificate after the call. Never repeated blindly: when the answer is lost (or a 5xx), the active certificate is
     * read to learn whether BTP switched to `expectedActivePem` — if it did not, BTP's error stands; when even that read
     * fails, RotationOutcomeUnknownError says nobody knows.
     */
    async rotateTrustCertificate(expectedActivePem: string): Promise<{ activePem: string }> {
      const operation = 'make the passive trust certificate active';
      const resource: Resource = { kind: 'trust-certificate' };
      let answer: RawAnswer;
      try {
        answer = succeeded(await send(operation, resource, (t) => api.rotateTrustCertificate(t)), operation, resource);
      } catch (error) {
        if (!(error instanceof BtpError && error.code === ERROR_CODES.btpUnavailable)) throw error;
        // Lost or 5xx: BTP may have switched anyway. The caller compares the active certificate with what it expects.
        const active = await service.getTrustCertificate().catch(() => null);
        if (active === null) throw new RotationOutcomeUnknownError(error.message);
        // Not switched: BTP's error is the answer.
        if (active.replace(/\s/g, '') !== expectedActivePem.replace(/\s/g, '')) throw error;
        return { activePem: active };
      }
      const { activeCertificate } = json<{ activeCertificate?: unknown }>(answer, operation);
      if (typeof activeCertificate === 'string' && activeCertificate.includes('BEGIN CERTIFICATE')) return { activePem: activeCertificate };
      const active = await service.getTrustCertificate().catch(() => null);
      if (active === null) throw new RotationOutcomeUnknownError('BTP answered the rotation without the certificate, and it could not be read back.');
      return { activePem: active };
    },

    async listDestinations(): Promise<Destination[]> {
      const operation = 'list the subaccount destinations';
      return json<Destination[]>(succeeded(await send(operation, undefined, (t) => api.listSubaccountDestinations(t)), operation), operation);
    },

    /** Through `$filter=Name in ('…')` on the list (sap-apis.md A.2; [SPEC] A.11 has no `eq`): null when no destination has that name. */
    async findDestinationByName(name: string): Promise<Destination | null> {
      const operation = `look for the destination "${name}"`;
      const answer = succeeded(await send(operation, undefined, (t) => api.listSubaccountDestinations(t, [name])), operation);
      return json<Destination[]>(answer, operation).find((d) => d.Name === name) ?? null;
    },

    /** The subaccount destination, or null when it does not exist. */
    getDestination: (name: string): Promise<Destination | null> =>
      readOrNull(`read the destination "${name}"`, { kind: 'destination', name }, (t) => api.readSubaccountDestination(t, name)),

    /**
     * Creates the destination, or answers the one already there (then it may differ from `destination`: compare and
     * update). A POST is never repeated blindly: when its answer is lost (timeout, network, 429/5xx) BTP may have
     * created it anyway, so it is read back first and posted again only if absent; a 409 means it exists.
     */
    async createDestination(destination: Destination): Promise<Destination> {
      const operation = `create the destination "${destination.Name}"`;
      const resource: Resource = { kind: 'destination', name: destination.Name };
      return createWithReadBack({
        create: async () => {
          const answer = await send(operation, resource, (t) => api.createSubaccountDestination(t, destination));
          if (answer.status === 409) {
            const existing = await service.getDestination(destination.Name);
            if (existing) return existing;
          }
          succeeded(answer, operation, resource);
          return destination;
        },
        find: () => service.getDestination(destination.Name),
        isLost: (error) => error instanceof BtpError && error.code === ERROR_CODES.btpUnavailable,
      });
    },

    /** Overwrites every property with `destination` (PUT of the whole object, sap-apis.md A.2). */
    async updateDestination(destination: Destination): Promise<void> {
      const operation = `update the destination "${destination.Name}"`;
      const resource: Resource = { kind: 'destination', name: destination.Name };
      succeeded(await send(operation, resource, (t) => api.updateSubaccountDestination(t, destination)), operation, resource);
    },

    /** Find destination (A.3): with `userToken` BTP also fetches the SAML-bearer token for that user. Null on 404. */
    findDestination: (name: string, userToken?: SecretString | string): Promise<DestinationLookup | null> =>
      readOrNull(`look up the destination "${name}"`, { kind: 'destination', name }, (t) => api.findDestination(t, name, userToken)),
  };
  return service;
}

export type BtpService = ReturnType<typeof createBtpService>;
