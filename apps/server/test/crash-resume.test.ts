import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '@tcc/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/bootstrap-users.js';
import { apiClient, type ApiClient } from './support/test-server.js';

const serverRoot = path.resolve(import.meta.dirname, '..');
// A port of its own per run, so a server left over from an aborted run cannot answer for this one.
const PORT = 20_000 + Math.floor(Math.random() * 20_000);
const KILLS = Number(process.env.CRASH_KILLS ?? 20);
let sandbox: RunningSandbox;
let dataDir = '';
let descriptorFile = '';

/** The real server in its own process, so it can be killed like a crashed one (SIGKILL: no shutdown code runs). */
async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: serverRoot,
    env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, SANDBOX: 'external', SANDBOX_DESCRIPTOR: descriptorFile, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited at start with code ${child.exitCode}`);
    const up = await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.ok, () => false);
    if (up) return child;
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
const sandboxCalls = async () => ((await (await fetch(`${sandbox.descriptor.baseUrl}/sandbox/stats`)).json()) as { calls: number }).calls;

async function signedIn(): Promise<{ api: ApiClient; base: string }> {
  const api = apiClient(`http://127.0.0.1:${PORT}`);
  await api.signIn('demo-admin', DEMO_PASSWORD);
  const tenant = (await api.get('/api/tenants')).body.items[0];
  const connection = (await api.get(`/api/tenants/${tenant.id}/connections`)).body.items[0];
  return { api, base: `/api/tenants/${tenant.id}/connections/${connection.id}` };
}

beforeAll(async () => {
  // Each SAP call takes 15 ms, so a kill lands between calls of a run rather than after it.
  sandbox = await startSandbox({ faults: { latencyMs: 15 } });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-crash-'));
  descriptorFile = path.join(dataDir, 'sandbox.json');
  fs.writeFileSync(descriptorFile, JSON.stringify(sandbox.descriptor));
});
afterAll(() => sandbox.close());

describe('assisted setup survives crashes', () => {
  it(`when the server is killed at ${KILLS} points of runs and restarted, then the setup completes with exactly one of each SAP object and a truthful record`, async () => {
    let server = await startServer();
    let { api, base } = await signedIn();
    const version = (await api.get(base)).body.version;
    await api.put(`${base}/credentials`, {
      destinationServiceKey: JSON.stringify(sandbox.descriptor.btp.destinationServiceKey),
      communicationManagementUser: sandbox.descriptor.s4.communicationManagement.user,
      communicationManagementPassword: sandbox.descriptor.s4.communicationManagement.password,
      generateTaskCenterUserPassword: true,
      version,
    });
    const killedAt: number[] = [];
    let interrupted = 0;
    for (let k = 0; k < KILLS; k += 1) {
      // Kill after the 1st, 2nd, … SAP call of this run: together the kills cover every stretch of the setup.
      const killAfter = 1 + (k % 9);
      const started = await api.post(`${base}/automation/runs`, { confirmChanges: true });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      // Counted from here: the preflight's reads happen before the run is answered as started.
      const before = await sandboxCalls();
      // A run that needs fewer calls than killAfter ends on its own: then the kill hits a finished run, also fine.
      const deadline = Date.now() + 5_000;
      while ((await sandboxCalls()) < before + killAfter && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
      await kill(server);
      killedAt.push((await sandboxCalls()) - before);
      server = await startServer();
      ({ api, base } = await signedIn());
      const record = (await api.get(`${base}/automation/runs/latest`)).body;
      expect(['interrupted', 'succeeded', 'failed']).toContain(record.status);
      if (record.status === 'interrupted') interrupted += 1;
    }
    await api.post(`${base}/automation/runs`, { confirmChanges: true });
    let run = (await api.get(`${base}/automation/runs/latest`)).body;
    while (run.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      run = (await api.get(`${base}/automation/runs/latest`)).body;
    }
    const detail = (await api.get(`${base}`)).body;
    await kill(server);

    expect(run.status, run.error).toBe('succeeded');
    expect(new Set(killedAt).size).toBeGreaterThanOrEqual(5);
    // The record tells the truth: a run the kill cut short says so after the restart.
    expect(interrupted).toBeGreaterThanOrEqual(KILLS / 2);
    expect(detail).toMatchObject({ state: 'complete', progress: { finished: 19, total: 19 } });
    const s4 = sandbox.context.state.s4;
    const count = <T>(items: Iterable<T>, keep: (item: T) => boolean) => [...items].filter(keep).length;
    expect(count(s4.communicationUsers.values(), (u) => u.Name === 'TASK_CENTER_USER')).toBe(1);
    expect(count(s4.communicationSystems.values(), (s) => s.ID === 'TASK_CENTER')).toBe(1);
    const system = [...s4.communicationSystems.values()].find((s) => s.ID === 'TASK_CENTER')!;
    expect(count(s4.inboundUsers.values(), (u) => u.CommunicationSystemUUID === system.UUID)).toBe(1);
    expect(count(s4.arrangements.values(), (a) => a.CommunicationScenarioID === 'SAP_COM_0501')).toBe(1);
    expect(count(sandbox.context.state.btp.destinations.values(), (d) => d['tc.enabled'] === 'true')).toBe(1);
  }, 240_000);
});
