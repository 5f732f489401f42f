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
 * Issue 11, dead letters: a run whose job used up its retries is not left "running". With JOB_RETRY_LIMIT=0 the one
 * cut is the last: server A is killed (SIGKILL) in the middle of a run, server B on the same PostgreSQL database finds
 * the job expired with no retry left and marks the run interrupted with why; started again through B, it completes
 * with exactly one of each SAP object. Runs only in the PostgreSQL pass (*.pg.test.ts).
 */
const BASE_PORT = randomBasePort();
const secretsKey = randomBytes(32).toString('base64');
let databaseUrl = '';
let shared: Awaited<ReturnType<typeof startSharedSandbox>>;
const servers: ChildProcess[] = [];

async function startServer(port: number): Promise<ChildProcess> {
  const { child } = await startServerProcess('dead-letter', port, {
    DATABASE_URL: databaseUrl,
    SECRETS_KEY: secretsKey,
    SANDBOX: 'external',
    SANDBOX_DESCRIPTOR: shared.descriptorFile,
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

beforeAll(async () => {
  databaseUrl = await testDatabaseUrl(fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-dead-letter-db-')));
  shared = await startSharedSandbox(10);
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map(killProcess));
  await shared?.sandbox.close();
});

describe('a run whose job used up its retries', () => {
  it('when the only retry allowed is used up by a killed instance, then another instance marks the run interrupted with why, and a new start completes it', async () => {
    const a = await startServer(BASE_PORT);
    const { api, base } = await signedInOnDemo(`http://127.0.0.1:${BASE_PORT}`);
    await saveSandboxCredentials(api, base, shared.sandbox);
    // 150 ms per SAP call: A is surely in the middle of the run when it is killed.
    await shared.setLatency(150);
    const started = await api.post(`${base}/automation/runs`, { confirmChanges: true });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const before = await shared.calls();
    const deadline = Date.now() + 10_000;
    while ((await shared.calls()) < before + 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    await killProcess(a);
    await shared.setLatency(10);

    await startServer(BASE_PORT + 1);
    const b = await signedInOnDemo(`http://127.0.0.1:${BASE_PORT + 1}`);
    const cut = await untilRunEnded(b.api, b.base);
    expect(cut.id).toBe(started.body.id);
    expect(cut.status, JSON.stringify(cut)).toBe('interrupted');
    expect(cut.error).toMatch(/cut once by servers that stopped/);
    expect(cut.error).toMatch(/Start it again/);
    expect(cut.finishedAt).not.toBeNull();

    const again = await b.api.post(`${b.base}/automation/runs`, { confirmChanges: true });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const run = await untilRunEnded(b.api, b.base);
    expect(run.status, run.error ?? undefined).toBe('succeeded');
    expectOneOfEachSapObject(shared.sandbox);
  }, 90_000);
});
