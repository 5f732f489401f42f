import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '@tcc/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/bootstrap-users.js';
import { killProcess, randomBasePort, startServerProcess } from './support/server-process.js';
import { testDatabaseUrl } from './support/test-database.js';
import { apiClient, type ApiClient } from './support/test-server.js';

/**
 * Issue 11, dead letters: a run whose job used up its retries is not left "running". With JOB_RETRY_LIMIT=0 the one
 * cut is the last: server A is killed (SIGKILL) in the middle of a run, server B on the same PostgreSQL database finds
 * the job expired with no retry left and marks the run interrupted with why; started again through B, it completes
 * with exactly one of each SAP object. Runs only in the PostgreSQL pass (*.pg.test.ts).
 */
const BASE_PORT = randomBasePort();
const secretsKey = randomBytes(32).toString('base64');
let databaseUrl = '';
let sandbox: RunningSandbox;
let descriptorFile = '';
const servers: ChildProcess[] = [];

async function startServer(port: number): Promise<ChildProcess> {
  const { child } = await startServerProcess('dead-letter', port, {
    DATABASE_URL: databaseUrl,
    SECRETS_KEY: secretsKey,
    SANDBOX: 'external',
    SANDBOX_DESCRIPTOR: descriptorFile,
    HEALTH_CHECKS: 'off',
    // No retry: the first cut is the last. The cut job expires 4 s after it started; A is killed within a second of
    // that start, so the run's lease (2 s after A's last renewal) has run out by then: nobody holds the run.
    JOB_RETRY_LIMIT: '0',
    JOB_EXPIRE_SECONDS: '4',
    JOB_MAINTENANCE_SECONDS: '1',
    JOB_POLL_SECONDS: '0.5',
    RUN_LEASE_SECONDS: '2',
  });
  servers.push(child);
  return child;
}

const kill = killProcess;
const sandboxCalls = async () => ((await (await fetch(`${sandbox.descriptor.baseUrl}/sandbox/stats`)).json()) as { calls: number }).calls;
const setLatency = (latencyMs: number) => fetch(`${sandbox.descriptor.baseUrl}/sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs }) });

async function signedIn(port: number): Promise<{ api: ApiClient; base: string }> {
  const api = apiClient(`http://127.0.0.1:${port}`);
  await api.signIn('demo-admin', DEMO_PASSWORD);
  const tenant = (await api.get('/api/tenants')).body.items.find((t: { name: string }) => t.name === 'Sandbox demo');
  const connection = (await api.get(`/api/tenants/${tenant.id}/connections`)).body.items[0];
  return { api, base: `/api/tenants/${tenant.id}/connections/${connection.id}` };
}

async function untilEnded(api: ApiClient, base: string) {
  let run = (await api.get(`${base}/automation/runs/latest`)).body;
  const deadline = Date.now() + 30_000;
  while (run.status === 'running' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    run = (await api.get(`${base}/automation/runs/latest`)).body;
  }
  return run;
}

beforeAll(async () => {
  databaseUrl = await testDatabaseUrl(fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-dead-letter-db-')));
  sandbox = await startSandbox({ faults: { latencyMs: 10 } });
  descriptorFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-dead-letter-')), 'sandbox.json');
  fs.writeFileSync(descriptorFile, JSON.stringify(sandbox.descriptor));
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map(kill));
  await sandbox?.close();
});

describe('a run whose job used up its retries', () => {
  it('when the only retry allowed is used up by a killed instance, then another instance marks the run interrupted with why, and a new start completes it', async () => {
    const a = await startServer(BASE_PORT);
    const { api, base } = await signedIn(BASE_PORT);
    await api.put(`${base}/credentials`, {
      destinationServiceKey: JSON.stringify(sandbox.descriptor.btp.destinationServiceKey),
      communicationManagementUser: sandbox.descriptor.s4.communicationManagement.user,
      communicationManagementPassword: sandbox.descriptor.s4.communicationManagement.password,
      generateTaskCenterUserPassword: true,
      version: (await api.get(base)).body.version,
    });
    // 150 ms per SAP call: A is surely in the middle of the run when it is killed.
    await setLatency(150);
    const started = await api.post(`${base}/automation/runs`, { confirmChanges: true });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const before = await sandboxCalls();
    const deadline = Date.now() + 10_000;
    while ((await sandboxCalls()) < before + 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    await kill(a);
    await setLatency(10);

    await startServer(BASE_PORT + 1);
    const b = await signedIn(BASE_PORT + 1);
    const cut = await untilEnded(b.api, b.base);
    expect(cut.id).toBe(started.body.id);
    expect(cut.status, JSON.stringify(cut)).toBe('interrupted');
    expect(cut.error).toMatch(/cut once by servers that stopped/);
    expect(cut.error).toMatch(/Start it again/);
    expect(cut.finishedAt).not.toBeNull();

    const again = await b.api.post(`${b.base}/automation/runs`, { confirmChanges: true });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const run = await untilEnded(b.api, b.base);
    expect(run.status, run.error).toBe('succeeded');
    const s4 = sandbox.context.state.s4;
    const count = <T>(items: Iterable<T>, keep: (item: T) => boolean) => [...items].filter(keep).length;
    expect(count(s4.communicationUsers.values(), (u) => u.Name === 'TASK_CENTER_USER')).toBe(1);
    expect(count(s4.communicationSystems.values(), (s) => s.ID === 'TASK_CENTER')).toBe(1);
    expect(count(s4.arrangements.values(), (x) => x.CommunicationScenarioID === 'SAP_COM_0501')).toBe(1);
    expect(count(sandbox.context.state.btp.destinations.values(), (d) => d['tc.enabled'] === 'true')).toBe(1);
  }, 90_000);
});
