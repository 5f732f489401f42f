import { TASK_REPLICATION_SERVICE_PATH } from '@tcc/shared';
import type { SecretString } from '../../secrets/mask.js';
import { SapTransportError, type SapHttp } from '../http/sap-http.js';
import { createCsrfSession, CSRF_HEADER, isCsrfRefusal } from './csrf-session.js';
import { S4CredentialRefusedError, toS4Error } from './errors.js';

/*
 * Why not @sap-cloud-sdk/http-client: its HTTP stack cannot be routed through our outbound guard (createGuardedFetch pins
 * the checked address), and its circuit breaker is process-wide, so one tenant's broken S/4 would open it for every tenant
 * (sap-cloud-sdk.md "Process-wide state"). CSRF is therefore done here, the way SAP Gateway expects (sap-apis.md D):
 * fetch with `X-CSRF-Token: Fetch` + Basic auth, send token and cookies on writes, and on 403 `x-csrf-token: Required`
 * fetch a new token once and repeat that write once. Repeating is safe: Gateway refused the write before running it.
 */

/** SAP_COM_0A48 services (sap-apis.md D table): group = service name, repository srvd_a2x, version 0001. */
export const COMMUNICATION_SERVICES = {
  users: '/sap/opu/odata4/sap/aps_com_cu_a4c_odata/srvd_a2x/sap/aps_com_cu_a4c_odata/0001',
  systems: '/sap/opu/odata4/sap/aps_com_cs_a4c_odata/srvd_a2x/sap/aps_com_cs_a4c_odata/0001',
  arrangements: '/sap/opu/odata4/sap/aps_com_ca_a4c_odata/srvd_a2x/sap/aps_com_ca_a4c_odata/0001',
} as const;
export type CommunicationService = keyof typeof COMMUNICATION_SERVICES;

export interface CommunicationApiDeps {
  /** createSapHttp with system 's4hana': timeouts, retries of idempotent calls, call log. */
  http: SapHttp;
  /** `<tenant>-api.<domain>` (s4Endpoints in @tcc/shared). */
  apiHost: string;
  /** The sap-client, e.g. 100. */
  client: string;
  /** The SAP_COM_0A48 communication user (Basic auth; the API accepts Basic and X.509 only). */
  user: string;
  password: SecretString | string;
  /** Told once when S/4 refuses the user (401), so the caller can keep the credential from being used again. */
  onRefused?: () => Promise<void> | void;
}

export interface RawAnswer {
  status: number;
  body: string;
}

export type CommunicationApi = ReturnType<typeof createCommunicationApi>;

/** Raw OData V4 client of the three communication-management services: URLs, auth, CSRF, and S/4 errors as S4Error. */
export function createCommunicationApi({ http, apiHost, client, user, password, onRefused }: CommunicationApiDeps) {
  // S/4 locks a communication user after a burst of failed logons (SAP-docs 0377ade: three; sap-field-facts.md row 4):
  // after the first 401 no further call is sent with this user and password, in this operation or (via onRefused) later.
  // Until S/4 has accepted the password once, one call (the probe) is in flight and the others wait for its answer, so
  // parallel calls cannot each fail a logon; once it is accepted, the waiting calls go together.
  let refused: S4CredentialRefusedError | null = null;
  let accepted = false;
  let probe: Promise<unknown> | null = null;
  const csrf = createCsrfSession();
  const context = (action: string) => ({ action, user });
  // Built per call: the plaintext only ever sits in the header being sent.
  const basic = () => `Basic ${Buffer.from(`${user}:${typeof password === 'string' ? password : password.reveal()}`).toString('base64')}`;

  function url(path: string, query: Record<string, string> = {}): string {
    // encodeURIComponent, not URLSearchParams: Gateway does not read '+' as a space in $filter.
    const search = Object.entries({ 'sap-client': client, ...query }).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
    return `https://${apiHost}${path}?${search.join('&')}`;
  }

  async function send(method: string, target: string, headers: Record<string, string>, action: string, body?: unknown): Promise<Response> {
    for (;;) {
      if (refused) throw refused;
      if (accepted) return sendNow(method, target, headers, action, body);
      if (!probe) {
        const answer = sendNow(method, target, headers, action, body);
        // Any answer but acceptance (a 401, an error, no answer) lets the next waiting call probe, alone again.
        probe = answer.then(
          () => (probe = null),
          () => (probe = null),
        );
        return answer;
      }
      await probe;
    }
  }

  /** One call with the user's Basic auth, unless S/4 has refused it; a 401 latches the refusal (see above). */
  async function sendNow(method: string, target: string, headers: Record<string, string>, action: string, body?: unknown): Promise<Response> {
    if (refused) throw refused;
    let response: Response;
    try {
      response = await http(target, { method, headers: { accept: 'application/json', authorization: basic(), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      if (error instanceof SapTransportError) throw toS4Error(null, error, context(action));
      throw error;
    }
    if (response.status === 401) {
      // Gateway's HTML logon page says nothing more; the user name helps, the password is never quoted.
      await response.body?.cancel().catch(() => undefined);
      if (!refused) {
        refused = new S4CredentialRefusedError(user, new Date().toISOString());
        // Recorded on the stored credential for every later operation; if that fails, this operation still stops here.
        await Promise.resolve()
          .then(onRefused)
          .catch(() => undefined);
      }
      throw refused;
    }
    if (response.ok) accepted = true;
    return response;
  }

  async function ok(response: Response, action: string): Promise<string> {
    const text = await response.text();
    if (!response.ok) throw toS4Error(response.status, text, context(action));
    return text;
  }

  async function fetchToken(service: CommunicationService, action: string): Promise<void> {
    const response = await send('GET', url(`${COMMUNICATION_SERVICES[service]}/`), { ...csrf.writeHeaders(), [CSRF_HEADER]: 'Fetch' }, action);
    await ok(response, action);
    // No token means Gateway runs without CSRF protection here; the write then goes without one and S/4 decides.
    csrf.accept(response);
  }

  /**
   * `etag`: the `@odata.etag` of the entity as last read. A tenant may protect entities with optimistic concurrency
   * (`Core.OptimisticConcurrency` in $metadata; a live-tenant fact, sap-field-facts.md): then a PATCH needs If-Match,
   * and the ETag read just before (never `*`) keeps us from overwriting a colleague's change made meanwhile.
   */
  async function write<T>(method: 'POST' | 'PATCH', service: CommunicationService, resource: string, body: object, action: string, etag?: string): Promise<T | undefined> {
    const ifMatch: Record<string, string> = etag ? { 'if-match': etag } : {};
    const attempt = () => send(method, url(`${COMMUNICATION_SERVICES[service]}/${resource}`), { 'content-type': 'application/json', ...ifMatch, ...csrf.writeHeaders() }, action, body);
    if (csrf.token() === null) await fetchToken(service, action);
    let response = await attempt();
    if (isCsrfRefusal(response)) {
      await response.body?.cancel();
      csrf.reset(); // the session behind the token is gone; start a new one
      await fetchToken(service, action);
      response = await attempt();
    }
    const text = await ok(response, action);
    return text === '' ? undefined : (JSON.parse(text) as T);
  }

  return {
    /** GET below a service root (`CommunicationUsers`, `CommunicationSystems(<uuid>)`…) with OData query options. */
    async read<T>(service: CommunicationService, resource: string, query: Record<string, string>, action: string): Promise<T> {
      return JSON.parse(await ok(await send('GET', url(`${COMMUNICATION_SERVICES[service]}/${resource}`, query), {}, action), action)) as T;
    },
    post: <T>(service: CommunicationService, resource: string, body: object, action: string) => write<T>('POST', service, resource, body, action),
    patch: <T>(service: CommunicationService, resource: string, body: object, action: string, etag?: string) => write<T>('PATCH', service, resource, body, action, etag),
    /** The service's EDMX ($metadata), as text. */
    async metadata(service: CommunicationService, action: string): Promise<string> {
      return ok(await send('GET', url(`${COMMUNICATION_SERVICES[service]}/$metadata`), { accept: 'application/xml' }, action), action);
    },
    /** SAP_COM_0501's replication service document with a bearer token (sap-apis.md C, E), answered as is, never with Basic auth. */
    async taskReplicationServiceDocument(bearer: SecretString | string): Promise<RawAnswer> {
      const token = typeof bearer === 'string' ? bearer : bearer.reveal();
      const action = 'read the task replication service';
      try {
        const response = await http(url(TASK_REPLICATION_SERVICE_PATH), { method: 'GET', headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
        return { status: response.status, body: await response.text() };
      } catch (error) {
        if (error instanceof SapTransportError) throw toS4Error(null, error, context(action));
        throw error;
      }
    },
  };
}
