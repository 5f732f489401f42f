import type { SandboxOptions } from '../src/options.js';
import { afterAll, beforeAll } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/start-sandbox.js';

/** Base paths as sap-apis.md D publishes them; the tests pin them literally rather than importing the sandbox's constants. */
export const CU = '/sap/opu/odata4/sap/aps_com_cu_a4c_odata/srvd_a2x/sap/aps_com_cu_a4c_odata/0001';
export const CS = '/sap/opu/odata4/sap/aps_com_cs_a4c_odata/srvd_a2x/sap/aps_com_cs_a4c_odata/0001';
export const CA = '/sap/opu/odata4/sap/aps_com_ca_a4c_odata/srvd_a2x/sap/aps_com_ca_a4c_odata/0001';

export interface Answer {
  status: number;
  headers: Headers;
  body: any; // OData payloads are checked field by field in the tests
  text: string;
}

/** A client as the product would be: Basic auth, CSRF fetched once per session, JSON in and out. */
export class ODataTestClient {
  private csrf: { token: string; cookie: string } | null = null;

  constructor(readonly sb: RunningSandbox) {}

  get authorization(): string {
    const { user, password } = this.sb.descriptor.s4.communicationManagement;
    return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }

  async raw(method: string, path: string, init: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
    const response = await fetch(`${this.sb.descriptor.baseUrl}${path}`, {
      method,
      headers: { accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: response.status, headers: response.headers, body, text };
  }

  /** GET <base>/ with X-CSRF-Token: Fetch, keeping the token and the session cookie (sap-apis.md D "CSRF"). */
  async fetchCsrf(base = CU): Promise<{ token: string; cookie: string }> {
    const answer = await this.raw('GET', `${base}/`, { headers: { authorization: this.authorization, 'x-csrf-token': 'Fetch' } });
    const cookie = answer.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    this.csrf = { token: answer.headers.get('x-csrf-token') ?? '', cookie };
    return this.csrf;
  }

  async call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Answer> {
    const headers: Record<string, string> = { authorization: this.authorization, ...extra };
    if (method !== 'GET') {
      const csrf = this.csrf ?? (await this.fetchCsrf());
      Object.assign(headers, { 'x-csrf-token': csrf.token, cookie: csrf.cookie });
    }
    return this.raw(method, path, { headers, body });
  }

  get = (path: string) => this.call('GET', path);
  post = (path: string, body: unknown) => this.call('POST', path, body);
  patch = (path: string, body: unknown) => this.call('PATCH', path, body);
  delete = (path: string) => this.call('DELETE', path);
}

/**
 * Starts one sandbox for the test file (before all its tests) with a client of its OData services, and closes it
 * after them. Read `sb` and `client` inside tests or hooks: they are set once the sandbox is up.
 */
export function useSandboxClient(options: SandboxOptions = {}): { sb: RunningSandbox; client: ODataTestClient } {
  const context = {} as { sb: RunningSandbox; client: ODataTestClient };
  beforeAll(async () => {
    context.sb = await startSandbox(options);
    context.client = new ODataTestClient(context.sb);
  });
  afterAll(() => context.sb?.close());
  return context;
}

let counter = 0;
/** Unique names per test, so tests in one file do not depend on each other's data. */
export const unique = (prefix: string) => `${prefix}_${++counter}_${Date.now().toString(36)}`.toUpperCase();

export const PASSWORD = 'Sandbox!Password#12345';

/** The inbound user SAP_COM_0501 needs: OAuth 2.0 with the SAML 2.0 bearer grant (seed step 18; sap-field-facts.md row 1). */
export const SAML_BEARER = { AuthenticationMethod: 'oauth2', OAuth2GrantType: 'saml2-bearer' } as const;

/** A communication user, an inbound-only system and its OAuth 2.0 SAML-bearer inbound user: what an SAP_COM_0501 arrangement needs. */
export async function createSystemWithInboundUser(client: ODataTestClient, systemId = unique('SYS'), method: object = SAML_BEARER) {
  const user = (await client.post(`${CU}/CommunicationUsers`, { Name: unique('COMM'), Description: 'for tests', Password: PASSWORD })).body;
  const system = (await client.post(`${CS}/CommunicationSystems`, { ID: systemId, Name: `System ${systemId}`, IsInboundOnly: true })).body;
  const inbound = (await client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: system.UUID, CommunicationUserID: user.ID, ...method })).body;
  return { user, system, inbound };
}
