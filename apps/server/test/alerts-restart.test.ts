import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '@tcc/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/bootstrap-users.js';
import { runToEnd } from './support/field-run.js';
import { testStoreEnv } from './support/test-database.js';
import { apiClient, type ApiClient } from './support/test-server.js';
import { startWebhookReceiver, waitFor } from './support/webhook-receiver.js';

/**
 * Issue 10, Done-when "Alerts": nothing sent twice after the server is killed mid-cycle and restarted on the same
 * data. The server runs in its own process and is killed with SIGKILL (no shutdown code runs), as crash-resume does.
 */
const serverRoot = path.resolve(import.meta.dirname, '..');
const PORT = 20_000 + Math.floor(Math.random() * 20_000);
const HOOK_HOST = 'hooks.receiver.test';
let sandbox: RunningSandbox;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let dataDir = '';
let server: ChildProcess | null = null;
let ctx: { api: ApiClient; base: string };

async function startServer(): Promise<ChildProcess> {
  const descriptorFile = path.join(dataDir, 'sandbox.json');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: serverRoot,
    env: {
      ...process.env,
      ...(await testStoreEnv(dataDir)),
      PORT: String(PORT),
      DATA_DIR: dataDir,
      SANDBOX: 'external',
      SANDBOX_DESCRIPTOR: descriptorFile,
      LOG_LEVEL: 'warn',
      HEALTH_CHECKS: 'off',
      // A check cut by the kill holds its connection only this long (on PostgreSQL the cut checks are slower to end).
      HEALTH_LEASE_SECONDS: '10',
      ALERTS_WEBHOOK_TEST_HOSTS: `${HOOK_HOST}=http://127.0.0.1:${receiver.port}`,
      ALERTS_POLL_MS: '100',
      ALERTS_RETRY_BASE_MS: '100',
      // One attempt, and one spare for an attempt cut by a kill (the last test cuts two).
      ALERTS_MAX_ATTEMPTS: '1',
      // A lease of 2 × 1 s + 5 s: a delivery cut by the kill is free again after 7 s.
      ALERTS_SEND_TIMEOUT_MS: '1000',
      // PostgreSQL: the cut delivery's job expires with that lease; pg-boss looks for expired jobs every second.
      JOB_MAINTENANCE_SECONDS: '1',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited at start with code ${child.exitCode}`);
    if (await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.ok, () => false)) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('server did not start');
}

const kill = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

async function signedIn() {
  const api = apiClient(`http://127.0.0.1:${PORT}`);
  await api.signIn('demo-admin', DEMO_PASSWORD);
  const tenant = (await api.get('/api/tenants')).body.items[0];
  const connection = (await api.get(`/api/tenants/${tenant.id}/connections`)).body.items[0];
  return { api, base: `/api/tenants/${tenant.id}/connections/${connection.id}`, connection };
}

const alertsBase = () => `${ctx.base.split('/connections/')[0]}/alerts`;
const check = () => ctx.api.post(`${ctx.base}/health/check`).catch(() => null);
const ofEvent = (event: string) => receiver.received.filter((r) => r.body?.event === event);
const deliveryIds = (event: string) => new Set(ofEvent(event).map((r) => r.headers['x-tcc-delivery']));
const settled = () => waitFor(async () => (await ctx.api.get(`${alertsBase()}/deliveries?pageSize=200`)).body.items, (items: { status: string }[]) => items.every((d) => d.status !== 'pending'), 30_000);

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  sandbox = await startSandbox({ faults: { latencyMs: 5 } });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-alerts-crash-'));
  fs.writeFileSync(path.join(dataDir, 'sandbox.json'), JSON.stringify(sandbox.descriptor));
  server = await startServer();
  const { api, base, connection } = await signedIn();
  ctx = { api, base };
  await api.put(`${base}/credentials`, {
    destinationServiceKey: JSON.stringify(sandbox.descriptor.btp.destinationServiceKey),
    communicationManagementUser: sandbox.descriptor.s4.communicationManagement.user,
    communicationManagementPassword: sandbox.descriptor.s4.communicationManagement.password,
    taskCenterUserPassword: 'Task-Center-Pull-2026!x',
    version: connection.version,
  });
  expect((await runToEnd(ctx as Parameters<typeof runToEnd>[0])).status).toBe('succeeded');
  expect((await ctx.api.post(`${base}/health/check`)).body.state).toBe('healthy');
  expect((await api.post(`${alertsBase()}/channels`, { kind: 'webhook', name: 'Ops', url: `https://${HOOK_HOST}/tcc` })).status).toBe(201);
}, 120_000);
afterAll(async () => {
  if (server) await kill(server);
  await sandbox?.close();
  await receiver?.close();
});

describe('alerts across a crash', () => {
  it('when the server is killed while checks of a broken connection run and restarted, then the "broken" alert is sent once', async () => {
    await fetch(`${sandbox.descriptor.baseUrl}/sandbox/actions/delete-arrangement`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const running = Array.from({ length: 6 }, () => check());
    await new Promise((resolve) => setTimeout(resolve, 150));
    await kill(server!);
    await Promise.all(running);
    server = await startServer();
    ctx = await signedIn();
    for (let i = 0; i < 20; i += 1) await check();
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(deliveryIds('broken').size).toBe(1);
    expect(ofEvent('broken').filter((r) => r.answered === 200)).toHaveLength(1);
    const log = (await ctx.api.get(`${alertsBase()}/deliveries`)).body.items;
    expect(log.map((d: { event: string; status: string }) => [d.event, d.status])).toEqual([['broken', 'delivered']]);
  }, 90_000);

  it('when the server is killed while the receiver holds the "recovered" webhook, then after the restart it is sent again with the same X-TCC-Delivery id, and logged once', async () => {
    receiver.state.hold = true;
    expect((await runToEnd(ctx as Parameters<typeof runToEnd>[0], true)).status).toBe('succeeded');
    await check();
    await waitFor(() => ofEvent('recovered').length, (n) => n === 1);
    await kill(server!);
    receiver.state.hold = false;
    server = await startServer();
    ctx = await signedIn();
    for (let i = 0; i < 5; i += 1) await check();
    // The lease of the cut delivery runs out (7 s), then it goes again — once, with the id receivers dedupe by.
    await waitFor(() => ofEvent('recovered').filter((r) => r.answered === 200).length, (n) => n === 1, 20_000);
    await settled();
    expect(deliveryIds('recovered').size).toBe(1);
    expect(ofEvent('recovered')).toHaveLength(2);
    const log = (await ctx.api.get(`${alertsBase()}/deliveries`)).body.items;
    expect(log.map((d: { event: string; status: string }) => [d.event, d.status])).toEqual([['recovered', 'delivered'], ['broken', 'delivered']]);
  }, 90_000);

  it('when the server is killed during a delivery\'s attempt and again during its spare one, then it is logged failed with the attempts made, and not sent a third time', async () => {
    const before = deliveryIds('broken');
    const sendsOf = (id: string) => ofEvent('broken').filter((r) => r.headers['x-tcc-delivery'] === id).length;
    receiver.state.hold = true;
    await fetch(`${sandbox.descriptor.baseUrl}/sandbox/actions/delete-arrangement`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const fresh = () => [...deliveryIds('broken')].find((d) => !before.has(d)) as string | undefined;
    const id = await waitFor(async () => fresh() ?? (await check(), fresh()), (d) => d !== undefined);
    await kill(server!);
    server = await startServer();
    ctx = await signedIn();
    // The cut attempt's lease runs out (7 s): the spare attempt goes, and is cut too.
    await waitFor(() => sendsOf(id!), (n) => n === 2, 30_000);
    await kill(server!);
    receiver.state.hold = false;
    server = await startServer();
    ctx = await signedIn();
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sendsOf(id!)).toBe(2);
    const log = (await ctx.api.get(`${alertsBase()}/deliveries`)).body.items.find((d: { id: string }) => d.id === id);
    expect(log).toMatchObject({ event: 'broken', status: 'failed', attempts: 2 });
    expect(log.lastError).toMatch(/^Gave up after 2 attempts: the last ones were cut/);
  }, 90_000);
});
