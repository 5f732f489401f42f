import { afterAll, beforeAll } from 'vitest';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { composeApp } from '../../src/compose.js';
import type { GuardedFetch } from '../../src/outbound/index.js';
import { loadConfig } from '../../src/config.js';
import { testStoreEnv } from './test-database.js';

export interface TestServer {
  baseUrl: string;
  /** The built-in sandbox's URL when started with SANDBOX=on. */
  sandboxUrl: string | null;
  /** The server's guarded client for calls to SAP. */
  outbound: GuardedFetch;
  dataDir: string;
  logLines: string[];
  /** Stops the server and closes the store; the data directory stays for a restart. */
  stop(): Promise<void>;
}

/**
 * The real app over real HTTP, against a SQLite file in a temporary directory (or `dataDir`, to test restarts); with
 * TEST_STORE=postgres against a PostgreSQL database of its own, the same one again for the same `dataDir`.
 */
export async function startTestServer(
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-test-')),
  env: Record<string, string> = {},
  { clock }: { clock?: () => Date } = {},
): Promise<TestServer> {
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    WEB_DIST: path.join(dataDir, 'no-web-build'),
    SANDBOX: 'off',
    INITIAL_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // Scheduled health checks would call SAP in the background of every test: on only where a test asks for them.
    HEALTH_CHECKS: 'off',
    ...(await testStoreEnv(dataDir)),
    ...env,
  });
  const logLines: string[] = [];
  const logger = {
    debug: () => {},
    info: (message: string, fields?: object) => void logLines.push(JSON.stringify({ message, ...fields })),
    warn: (message: string, fields?: object) => void logLines.push(JSON.stringify({ message, ...fields })),
    error: (message: string, fields?: object) => void logLines.push(JSON.stringify({ message, ...fields })),
  };
  const { app, close, sandbox, outbound } = await composeApp(config, logger, (line) => void logLines.push(line), { clock });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    sandboxUrl: sandbox?.descriptor.baseUrl ?? null,
    outbound,
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    logLines,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await close();
    },
  };
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export const ADMIN_PASSWORD = 'test-admin-password-0001';

/**
 * A tiny JSON client for tests: every call goes over HTTP to the server under test. It keeps the session cookie and
 * sends the CSRF token on changes, as the web app does.
 */
export function apiClient(baseUrl: string) {
  const session = { cookie: '', csrfToken: '' };
  const call = async <T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(session.cookie ? { cookie: session.cookie } : {}),
        ...(session.csrfToken && method !== 'GET' ? { 'x-csrf-token': session.csrfToken } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) session.cookie = setCookie.split(';')[0]!;
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('json');
    return { status: response.status, body: isJson && text ? JSON.parse(text) : text, headers: response.headers };
  };
  return {
    get: <T = any>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body, headers),
    put: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PUT', path, body, headers),
    patch: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PATCH', path, body, headers),
    delete: <T = any>(path: string, headers?: Record<string, string>) => call<T>('DELETE', path, undefined, headers),
    /** Signs in; later calls carry the session cookie and CSRF token. */
    async signIn(username: string, password: string) {
      const answer = await call('POST', '/api/auth/sign-in', { username, password });
      if (answer.status !== 200) throw new Error(`sign-in as ${username} failed: ${JSON.stringify(answer.body)}`);
      session.csrfToken = answer.body.csrfToken;
      return answer;
    },
    session,
  };
}

/** A client signed in as the initial administrator. */
export async function adminClient(baseUrl: string) {
  const client = apiClient(baseUrl);
  await client.signIn('admin', ADMIN_PASSWORD);
  return client;
}

export type ApiClient = ReturnType<typeof apiClient>;

export const SUBACCOUNT_ID = '8f2d3c1a-5b6e-4f70-9a81-2c3d4e5f6a7b';
export const LANDSCAPE = 'eu10.hana.ondemand.com';

/** Creates a tenant and one connection to my123456.s4hana.ondemand.com; answers the connection detail. */
export async function createTenantWithConnection(api: ApiClient, tenantName = `Tenant ${Math.random().toString(36).slice(2, 8)}`) {
  const tenant = await api.post('/api/tenants', { name: tenantName });
  const connection = await api.post(`/api/tenants/${tenant.body.id}/connections`, {
    displayName: 'Production',
    subaccountId: SUBACCOUNT_ID,
    landscapeDomain: LANDSCAPE,
    s4Host: 'my123456.s4hana.ondemand.com',
    s4Client: '100',
  });
  if (connection.status !== 201) throw new Error(`setup failed: ${JSON.stringify(connection.body)}`);
  return { tenantId: tenant.body.id as string, connection: connection.body, base: `/api/tenants/${tenant.body.id}/connections/${connection.body.id}` };
}

/**
 * Starts one server for the test file (before all its tests) and stops it after them. Read `server` and `api` inside
 * tests or hooks, not at module level: they are set once the server is up.
 */
export function useTestServer(env: Record<string, string> = {}): { server: TestServer; api: ApiClient } {
  const context = {} as { server: TestServer; api: ApiClient };
  beforeAll(async () => {
    context.server = await startTestServer(undefined, env);
    context.api = await adminClient(context.server.baseUrl);
  });
  afterAll(() => context.server.stop());
  return context;
}
