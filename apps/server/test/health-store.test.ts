import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextHealth } from '../src/health/health-state.js';
import type { HealthRecord, TransitionHook } from '../src/store/health-store.js';
import type { Store } from '../src/store/types.js';
import { openTestStore } from './support/test-database.js';
import { adminClient, createTenantWithConnection, startTestServer } from './support/test-server.js';

/**
 * The lease and the transition's transaction, at the store boundary (the only place two processes meet): a second
 * checker never gets a leased connection, a crashed checker's lease runs out, a result written after the lease was lost
 * is dropped, and what the transition hook writes commits or rolls back with the new health.
 */
let store: Store;
let tenantId: string;
let connectionId: string;

beforeAll(async () => {
  const server = await startTestServer();
  const created = await createTenantWithConnection(await adminClient(server.baseUrl));
  ({ tenantId } = created);
  connectionId = created.connection.id;
  await server.stop();
  store = await openTestStore(server.dataDir);
});
afterAll(() => store.close());

const at = (minutes: number) => new Date(Date.UTC(2030, 0, 1, 0, minutes)).toISOString();
const claim = (by: string, minute: number, leaseMinutes = 5) =>
  store.claimHealthCheck(tenantId, connectionId, { by, now: at(minute), until: at(minute + leaseMinutes), dueOnly: false, nextCheckAt: at(minute + 15) });
const outcome = (minute: number, previous: HealthRecord | null | undefined, reachable = true) => ({
  ...nextHealth({
    tenantId,
    connectionId,
    previous,
    check: { reachable, certificateNotAfter: null, findings: reachable ? [] : [{ code: 'SAP_UNREACHABLE', severity: 'unknown', message: 'no answer', stepId: null, object: null, field: null, expected: null, actual: null }] },
    now: new Date(at(minute)),
    failuresToBroken: 2,
    nextCheckAt: at(minute + 15),
    newId: randomUUID,
  }),
  pruneBefore: at(-100_000),
});
const none: TransitionHook = async () => {};

describe('health store: leases and transactions', () => {
  it('when one checker holds the lease, then another cannot claim it until it runs out (a crashed checker), and the late result is dropped', async () => {
    expect(await claim('A', 0)).toBe(true);
    expect(await claim('B', 1)).toBe(false);
    expect(await store.healthCheckLeased(connectionId, at(1))).toBe(true);
    // A "crashed": its lease ran out at minute 5, so B gets the check; A's result arrives later and is not written.
    expect(await claim('B', 6)).toBe(true);
    expect(await store.saveHealthCheck(tenantId, connectionId, 'A', outcome(7, undefined), none)).toBe(false);
    expect((await store.getHealth(tenantId, connectionId))?.lastCheckAt).toBeNull();
    expect(await store.saveHealthCheck(tenantId, connectionId, 'B', outcome(7, undefined), none)).toBe(true);
    expect(await store.getHealth(tenantId, connectionId)).toMatchObject({ state: 'healthy', lastCheckAt: at(7), nextCheckAt: at(22) });
    expect(await store.healthCheckLeased(connectionId, at(7))).toBe(false);
  });

  it('when the transition hook fails, then neither the health nor its history entry is written; when it succeeds, it saw the new health in its transaction', async () => {
    const previous = await store.getHealth(tenantId, connectionId);
    const events = (await store.listHealthEvents(tenantId, connectionId, 1, 100)).total;
    expect(await claim('C', 20)).toBe(true);
    const failing = outcome(21, previous, false);
    // Two unreachable checks in a row: the second is a transition (unknown → broken); the first already changes state.
    expect(failing.transition).not.toBeNull();
    await expect(store.saveHealthCheck(tenantId, connectionId, 'C', failing, async () => Promise.reject(new Error('outbox full')))).rejects.toThrow('outbox full');
    expect(await store.getHealth(tenantId, connectionId)).toEqual(previous);
    expect((await store.listHealthEvents(tenantId, connectionId, 1, 100)).total).toBe(events);
    // The lease went back with the rollback; the checker releases it (health-service.ts does so in `finally`).
    expect(await claim('X', 21)).toBe(false);
    await store.releaseHealthCheck(connectionId, 'C');

    expect(await claim('C', 22)).toBe(true);
    let seen: string | undefined;
    const hook: TransitionHook = async (tx, transition) => {
      seen = (await tx.selectFrom('connection_health').select('state').where('connection_id', '=', transition.connectionId).executeTakeFirstOrThrow()).state;
    };
    expect(await store.saveHealthCheck(tenantId, connectionId, 'C', outcome(23, previous, false), hook)).toBe(true);
    expect(seen).toBe('unknown');
    expect((await store.listHealthEvents(tenantId, connectionId, 1, 100)).rows[0]).toMatchObject({ kind: 'transition', state: 'unknown', previousState: 'healthy' });
  });

  it('when equal checks follow each other, then they are one history entry with a count', async () => {
    let previous = await store.getHealth(tenantId, connectionId);
    for (const minute of [30, 45, 60]) {
      expect(await claim('D', minute)).toBe(true);
      const next = outcome(minute + 1, previous);
      expect(await store.saveHealthCheck(tenantId, connectionId, 'D', next, none)).toBe(true);
      previous = next.health;
    }
    const [latest, transition] = (await store.listHealthEvents(tenantId, connectionId, 1, 100)).rows;
    expect(latest).toMatchObject({ kind: 'check', state: 'healthy', checks: 2, firstAt: at(46), at: at(61) });
    expect(transition).toMatchObject({ kind: 'transition', state: 'healthy', previousState: 'unknown', at: at(31) });
  });
});
