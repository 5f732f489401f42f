import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningSandbox } from '@tcc/sandbox';
import type { AutomationRun } from '@tcc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/bootstrap-users.js';
import { saveSandboxCredentials, signedInOnDemo, startSharedSandbox } from './support/shared-sandbox.js';
import { testDatabaseUrl } from './support/test-database.js';
import { positionOf, readEventStream, type StreamEvent } from './support/event-stream.js';
import { apiClient, startTestServer, type ApiClient, type TestServer } from './support/test-server.js';

/**
 * Live progress across instances (issue 11): two server instances on one PostgreSQL database, each with its own
 * LISTEN connection. B executes no jobs (JOB_WORKERS=off), so a run started through B executes on A, and B's stream
 * can only learn of each unit's change through PostgreSQL NOTIFY. Runs in the PostgreSQL pass of `npm test`
 * (TEST_STORE=postgres; vitest.config.ts includes *.pg.test.ts only then).
 */
let sandbox: RunningSandbox;
let a: TestServer;
let b: TestServer;
let onB: ApiClient;
let base = '';

beforeAll(async () => {
  // 50 ms per SAP call: every unit runs long enough to be seen running.
  const { sandbox: started, descriptorFile } = await startSharedSandbox(50);
  sandbox = started;
  const dataDirA = fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-live-a-'));
  const shared = { DATABASE_URL: await testDatabaseUrl(dataDirA), SECRETS_KEY: randomBytes(32).toString('base64'), SANDBOX: 'external', SANDBOX_DESCRIPTOR: descriptorFile, JOB_POLL_SECONDS: '0.5' };
  // One after the other: the first migrates and seeds the demo tenant, the second finds them.
  a = await startTestServer(dataDirA, shared);
  b = await startTestServer(undefined, { ...shared, JOB_WORKERS: 'off' });
  const onA = await signedInOnDemo(a.baseUrl);
  base = onA.base;
  await saveSandboxCredentials(onA.api, base, sandbox);
  onB = apiClient(b.baseUrl);
  await onB.signIn('demo-admin', DEMO_PASSWORD);
}, 60_000);

afterAll(async () => {
  await b?.stop();
  await a?.stop();
  await sandbox?.close();
});

const stream = (lastEventId?: string, signal?: AbortSignal) =>
  fetch(`${b.baseUrl}${base}/automation/runs/latest/events`, { headers: { cookie: onB.session.cookie, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) }, signal });
const runOf = (event: StreamEvent) => JSON.parse(event.data) as AutomationRun;

describe('live progress across instances (PostgreSQL LISTEN/NOTIFY)', () => {
  it('when a run executes on A, then a stream on B sees every unit running and finished, and the final state, with growing ids across a reconnect', async () => {
    const started = await onB.post(`${base}/automation/runs`, { confirmChanges: false });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const events: StreamEvent[] = [];
    const first = new AbortController();
    const opened = await stream(undefined, first.signal);
    expect(opened.status).toBe(200);
    for await (const event of readEventStream(opened)) {
      events.push(event);
      if (events.length === 4) {
        first.abort();
        break;
      }
    }
    for await (const event of readEventStream(await stream(events.at(-1)!.id!))) events.push(event);

    const final = (await onB.get(`${base}/automation/runs/latest`)).body as AutomationRun;
    expect(final.status, JSON.stringify(final)).toBe('succeeded');
    expect(runOf(events.at(-1)!)).toEqual(final);
    const positions = events.map(positionOf);
    for (let i = 1; i < positions.length; i += 1) expect(positions[i]!.sequence, `event ${i}`).toBeGreaterThan(positions[i - 1]!.sequence);
    // B runs no jobs: the run waited for A, so the stream opened before any unit started.
    const pendingAtFirst = runOf(events[0]!).units.filter((u) => u.status === 'pending').map((u) => u.unit);
    expect(pendingAtFirst.length).toBeGreaterThanOrEqual(5);
    for (const unit of final.units) {
      const seen = events.map((event) => runOf(event).units.find((u) => u.unit === unit.unit)!.status);
      expect(seen.at(-1), unit.unit).toBe('done');
      if (!pendingAtFirst.includes(unit.unit)) continue;
      expect(seen, unit.unit).toContain('running');
      expect(seen.indexOf('done'), unit.unit).toBeGreaterThan(seen.indexOf('running'));
    }
  }, 60_000);
});
