import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresReachable, TEST_PG_ADMIN_URL } from '../../test/support/test-database.js';
import { createPgProgressBus } from './pg-progress-bus.js';
import type { ProgressBus, RunEvent } from './progress-bus.js';

// LISTEN/NOTIFY needs no tables: the tests' admin database will do.
const url = TEST_PG_ADMIN_URL;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

// The PostgreSQL pass (TEST_STORE=postgres) never skips: there a missing server is a failure.
const available = process.env.TEST_STORE === 'postgres' || (await postgresReachable());
if (!available) console.warn(`pg-progress-bus.test: no PostgreSQL at ${new URL(url).host}: LISTEN/NOTIFY tests skipped`);

/** The next event a listener gets (null: "you may have missed events"). */
const nextEvent = (bus: ProgressBus, tenantId: string, connectionId: string) =>
  new Promise<RunEvent | null>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no event within 5 s')), 5_000);
    const off = bus.subscribe(tenantId, connectionId, (event) => {
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });

describe.runIf(available)('progress bus on PostgreSQL LISTEN/NOTIFY (two instances on one database)', () => {
  let a: ProgressBus;
  let b: ProgressBus;
  const tenantId = `t-${Math.random().toString(36).slice(2)}`;
  beforeAll(async () => {
    a = await createPgProgressBus({ clientConfig: { connectionString: url, application_name: 'tcc-test-progress-a' }, logger: silent });
    b = await createPgProgressBus({ clientConfig: { connectionString: url, application_name: 'tcc-test-progress-b' }, logger: silent });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('when instance A publishes, then B’s follower of that connection hears it, and a follower of another connection does not', async () => {
    const event: RunEvent = { tenantId, connectionId: 'c1', runId: 'r1', sequence: 3 };
    const heard = nextEvent(b, tenantId, 'c1');
    let other = 0;
    const off = b.subscribe(tenantId, 'c2', () => (other += 1));
    await a.publish(event);
    expect(await heard).toEqual(event);
    off();
    expect(other).toBe(0);
  });

  it('when B’s LISTEN connection is cut, then B reconnects, tells its followers they may have missed events, and hears the next ones', async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const missed = nextEvent(b, tenantId, 'c1');
      const cut = await admin.query("SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE application_name = 'tcc-test-progress-b'");
      expect(cut.rowCount).toBe(1);
      expect(await missed).toBeNull();
      const event: RunEvent = { tenantId, connectionId: 'c1', runId: 'r1', sequence: 4 };
      const heard = nextEvent(b, tenantId, 'c1');
      await a.publish(event);
      expect(await heard).toEqual(event);
    } finally {
      await admin.end();
    }
  });
});
