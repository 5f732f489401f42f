import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killProcess, randomBasePort, startServerProcess } from './support/server-process.js';
import { expectOneOfEachSapObject, saveSandboxCredentials, signedInOnDemo, startSharedSandbox, untilRunEnded } from './support/shared-sandbox.js';
import { testDatabaseUrl } from './support/test-database.js';

/**
 * A run whose server dies during its preflight — claimed "running" in the database, its job not queued yet — is no
 * orphan for ever: its starter's lease runs out, and another instance ends it as interrupted, by its periodic sweep or
 * when the connection is started again (which then proceeds instead of answering 409). Runs only in the PostgreSQL
 * pass (*.pg.test.ts).
 */
const BASE_PORT = randomBasePort();
const secretsKey = randomBytes(32).toString('base64');
let databaseUrl = '';
let shared: Awaited<ReturnType<typeof startSharedSandbox>>;
const servers: ChildProcess[] = [];
let nextPort = BASE_PORT;
let credentialsSet = false;

/** `sweepSeconds`: JOB_MAINTENANCE_SECONDS, how often the instance looks for orphan runs. */
async function startServer(sweepSeconds: number): Promise<{ child: ChildProcess; port: number }> {
  const port = nextPort++;
  const { child } = await startServerProcess('orphan', port, {
    DATABASE_URL: databaseUrl,
    SECRETS_KEY: secretsKey,
    SANDBOX: 'external',
    SANDBOX_DESCRIPTOR: shared.descriptorFile,
    HEALTH_CHECKS: 'off',
    JOB_MAINTENANCE_SECONDS: String(sweepSeconds),
    JOB_POLL_SECONDS: '0.5',
    RUN_LEASE_SECONDS: '2',
  });
  servers.push(child);
  return { child, port };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a run on a fresh instance and kills that instance (SIGKILL) while its preflight reads SAP, before the start
 * was answered: 1 s per SAP call keeps the preflight going for seconds. Returns the orphan, as the database holds it.
 */
async function orphanRun(): Promise<{ id: string | undefined; status: string }> {
  const { child, port } = await startServer(3_600);
  const { api, base } = await signedInOnDemo(`http://127.0.0.1:${port}`);
  if (!credentialsSet) {
    await saveSandboxCredentials(api, base, shared.sandbox);
    credentialsSet = true;
  }
  const previous = (await api.get(`${base}/automation/runs/latest`)).body.id as string | undefined;
  await shared.setLatency(1_000);
  const before = await shared.calls();
  let answered = false;
  // Not awaited: the instance dies before it answers (the request then fails; that is the point).
  void api.post(`${base}/automation/runs`, { confirmChanges: true }).then(
    () => (answered = true),
    () => undefined,
  );
  // Claimed ("running") before the preflight's first SAP call; killed once that call reached the sandbox.
  let orphan = { id: previous, status: '' };
  const deadline = Date.now() + 10_000;
  while ((orphan.id === previous || (await shared.calls()) === before) && Date.now() < deadline) {
    await pause(5);
    orphan = (await api.get(`${base}/automation/runs/latest`)).body;
  }
  await killProcess(child);
  await shared.setLatency(10);
  expect(answered).toBe(false);
  expect(orphan.status).toBe('running');
  return orphan;
}

beforeAll(async () => {
  databaseUrl = await testDatabaseUrl(fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-orphan-db-')));
  shared = await startSharedSandbox(10);
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map(killProcess));
  await shared?.sandbox.close();
});

describe('a run whose server died during its preflight', () => {
  it('when another instance is started, then its sweep ends the orphan as interrupted with why, and a new start completes with one of each SAP object', async () => {
    const orphan = await orphanRun();

    // Sweeps every second: the orphan ends once its starter's lease (2 s) has run out, with nobody starting anything.
    const { port } = await startServer(1);
    const { api, base } = await signedInOnDemo(`http://127.0.0.1:${port}`);
    const ended = await untilRunEnded(api, base);
    expect(ended.id).toBe(orphan.id);
    expect(ended.status, JSON.stringify(ended)).toBe('interrupted');
    expect(ended.error).toBe('The server that started this run stopped before handing it on. Start it again.');
    expect(ended.finishedAt).not.toBeNull();
    expect(ended.units.filter((u: { status: string }) => u.status !== 'skipped')).toEqual([]);

    const again = await api.post(`${base}/automation/runs`, { confirmChanges: true });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const run = await untilRunEnded(api, base);
    expect(run.id).toBe(again.body.id);
    expect(run.status, run.error ?? undefined).toBe('succeeded');
    expectOneOfEachSapObject(shared.sandbox);
  }, 90_000);

  it('when the connection is started again on an instance that has not swept yet, then the start ends the orphan and proceeds instead of answering 409', async () => {
    const orphan = await orphanRun();

    // Sweeps hourly: only the start itself can end the orphan. While the starter's lease runs, that server might be
    // alive and about to queue the run: 409; once it ran out, the start goes ahead.
    const { port } = await startServer(3_600);
    const { api, base } = await signedInOnDemo(`http://127.0.0.1:${port}`);
    let again = await api.post(`${base}/automation/runs`, { confirmChanges: true });
    const deadline = Date.now() + 20_000;
    while (again.status === 409 && Date.now() < deadline) {
      await pause(200);
      again = await api.post(`${base}/automation/runs`, { confirmChanges: true });
    }
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.id).not.toBe(orphan.id);
    const run = await untilRunEnded(api, base);
    expect(run.id).toBe(again.body.id);
    expect(run.status, run.error ?? undefined).toBe('succeeded');
    expectOneOfEachSapObject(shared.sandbox);
  }, 90_000);
});
