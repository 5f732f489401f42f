import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/bootstrap-users.js';
import { killProcess, randomBasePort, startServerProcess, type ServerProcess } from './support/server-process.js';
import { expectOneOfEachSapObject, saveSandboxCredentials, signedInOnDemo, startSharedSandbox, untilRunEnded } from './support/shared-sandbox.js';
import { testDatabaseUrl } from './support/test-database.js';
import { apiClient } from './support/test-server.js';

/**
 * Issue 11, Done-when 2: three server processes on one PostgreSQL database, driven alternately. Runs only in the
 * PostgreSQL pass of `npm test` (files named *.pg.test.ts; vitest.config.ts includes them when TEST_STORE=postgres).
 * A is killed with SIGKILL in the middle of an assisted run (no shutdown code runs); the run completes through
 * another instance with exactly one of each SAP object. A browser following a run across instances is
 * live-progress-browser.pg.test.ts.
 */
const BASE_PORT = randomBasePort();
// One database for all three instances (test-database.ts makes it, and drops it after the file).
let databaseUrl = '';
const secretsKey = randomBytes(32).toString('base64');

let shared: Awaited<ReturnType<typeof startSharedSandbox>>;
const servers = new Map<string, ServerProcess>();

async function startServer(name: 'A' | 'B' | 'C', extra: Record<string, string> = {}): Promise<void> {
  const port = BASE_PORT + ['A', 'B', 'C'].indexOf(name);
  servers.set(
    name,
    await startServerProcess(name, port, {
      DATABASE_URL: databaseUrl,
      SECRETS_KEY: secretsKey,
      SANDBOX: 'external',
      SANDBOX_DESCRIPTOR: shared.descriptorFile,
      MAX_FAILED_SIGN_INS: '3',
      // A run whose instance died is taken over within seconds (production: minutes).
      JOB_EXPIRE_SECONDS: '4',
      JOB_MAINTENANCE_SECONDS: '1',
      JOB_POLL_SECONDS: '0.5',
      RUN_LEASE_SECONDS: '3',
      ...extra,
    }),
  );
}

const url = (name: string) => servers.get(name)!.url;
const signedIn = (name: string) => signedInOnDemo(url(name));

beforeAll(async () => {
  databaseUrl = await testDatabaseUrl(fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-multi-db-')));
  // 20 ms per SAP call: a run takes long enough to be killed in the middle.
  shared = await startSharedSandbox(20);
  // One at a time: the first creates the schema and the demo tenant; the others find them.
  await startServer('A');
  await startServer('B', { JOB_WORKERS: 'off' });
  // C executes no jobs until the run below is under way on A: then A surely has it, and C surely takes it over.
  await startServer('C', { JOB_WORKERS: 'off' });
}, 120_000);

afterAll(async () => {
  await Promise.all([...servers.values()].map(({ child }) => killProcess(child)));
  await shared?.sandbox.close();
});

describe('three instances on one PostgreSQL database', () => {
  it('when a session is made on A, then it works on B and C, and its CSRF token is accepted there', async () => {
    const a = apiClient(url('A'));
    await a.signIn('demo-admin', DEMO_PASSWORD);
    for (const other of ['B', 'C']) {
      const b = apiClient(url(other));
      Object.assign(b.session, a.session);
      expect((await b.get('/api/auth/me')).body.user.username).toBe('demo-admin');
      const created = await b.post('/api/tenants', { name: `Made on ${other} ${randomBytes(3).toString('hex')}` });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
  });

  it('when the lock-out is counted on A, then it holds on C: the right password is refused there too', async () => {
    const a = apiClient(url('A'));
    for (let i = 0; i < 3; i += 1) expect((await a.post('/api/auth/sign-in', { username: 'demo-viewer', password: `wrong-${i}-password` })).status).toBe(401);
    const c = apiClient(url('C'));
    expect((await c.post('/api/auth/sign-in', { username: 'demo-viewer', password: DEMO_PASSWORD })).status).toBe(401);
    // Another user signs in on C as usual: the lock is the user's, not the instance's.
    expect((await c.post('/api/auth/sign-in', { username: 'demo-operator', password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('when A is killed in the middle of an assisted run, then the run completes through another instance with exactly one of each SAP object', async () => {
    const { api, base } = await signedIn('A');
    await saveSandboxCredentials(api, base, shared.sandbox);
    // 250 ms per SAP call: the run lasts long enough to restart C as a worker and to kill A in the middle.
    await shared.setLatency(250);
    const before = await shared.calls();
    const started = await api.post(`${base}/automation/runs`, { confirmChanges: true });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const afterPreflight = await shared.calls();
    const waitForCalls = async (n: number) => {
      const deadline = Date.now() + 20_000;
      while ((await shared.calls()) < n && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    };
    // A, the only worker, has taken the job: its SAP calls come in.
    await waitForCalls(afterPreflight + 1);
    await killProcess(servers.get('C')!.child);
    await startServer('C');
    await waitForCalls(afterPreflight + 5);
    const callsAtKill = await shared.calls();
    await killProcess(servers.get('A')!.child);
    await shared.setLatency(20);
    expect(callsAtKill - before).toBeGreaterThan(5);

    const b = (await signedIn('B')).api;
    const run = await untilRunEnded(b, base, 60_000);
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    expect(run.id).toBe(started.body.id);

    expectOneOfEachSapObject(shared.sandbox);
  }, 90_000);

  // Last: it uses up this address's sign-in attempts on every instance.
  it('when sign-ins from one address are spread over A, B and C, then the per-address limit counts them together', async () => {
    let refusedAt = -1;
    for (let i = 0; i < 30 && refusedAt < 0; i += 1) {
      const name = ['B', 'C'][i % 2]!;
      const answer = await apiClient(url(name)).post('/api/auth/sign-in', { username: 'nobody', password: `attempt-${i}-xxxxxxxx` });
      if (answer.status === 429) refusedAt = i;
      else expect(answer.status).toBe(401);
    }
    // SIGN_INS_PER_MINUTE is 20 and earlier tests signed in from here too: refused before 20 more, whichever instance counted them.
    expect(refusedAt).toBeGreaterThanOrEqual(0);
    expect(refusedAt).toBeLessThan(20);
    expect((await apiClient(url('C')).post('/api/auth/sign-in', { username: 'demo-operator', password: DEMO_PASSWORD })).status).toBe(429);
  });
});
