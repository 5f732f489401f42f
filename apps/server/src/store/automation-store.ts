import type { AutomationRun, ConnectionTest } from '@tcc/shared';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { lastTestOf } from './last-test.js';
import { recountConnection } from './tenant-counts.js';

/** A unique constraint refused the row, on SQLite (better-sqlite3) or PostgreSQL (pg, SQLSTATE 23505). */
export const isUniqueViolation = (error: unknown) => {
  const code = (error as { code?: string } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
};

/**
 * How the lease of the instance that claimed a run begins (then `<instance>/<run>`): it holds the run while its
 * preflight reads SAP and until the run's job takes it over. Lapsed, that instance stopped before queueing the job:
 * nothing will ever execute the run (an orphan, interruptOrphanRuns). A job's lease never begins so.
 */
export const STARTER_LEASE_PREFIX = 'starter:';

/** A run ended by interruptOrphanRuns. */
export interface OrphanRun {
  tenantId: string;
  connectionId: string;
  runId: string;
}

export interface AutomationStore {
  /**
   * Records a new running run unless one is running for the connection (atomic: one run at a time, across servers),
   * leased to its starter (STARTER_LEASE_PREFIX) from the first moment.
   */
  claimRun(tenantId: string, connectionId: string, run: AutomationRun, lease?: { by: string; until: string }): Promise<boolean>;
  saveRun(tenantId: string, connectionId: string, run: AutomationRun): Promise<void>;
  latestRun(tenantId: string, connectionId: string): Promise<AutomationRun | undefined>;
  /** Runs that were going when the process stopped: they are marked interrupted at start (a re-run resumes). */
  markRunningInterrupted(at: string): Promise<number>;
  /**
   * Takes (or renews) the lease of a running run for `by` until `until`: false when the run is not running or another
   * holder's lease has not run out — then that instance is still executing it. `from`: the starter that hands the run
   * over (its job's first lease): taken from it even while its lease runs, and no cut.
   */
  leaseRun(runId: string, lease: { by: string; now: string; until: string; from?: string }): Promise<boolean>;
  /**
   * Running runs whose starter's lease ran out (STARTER_LEASE_PREFIX): marked interrupted with `reason`, in one
   * statement that only touches such rows (all of them, or the connection's). Returns what it ended.
   */
  interruptOrphanRuns(now: string, reason: string, connectionId?: string): Promise<OrphanRun[]>;
  /**
   * A run whose job used up its retries (its dead letter): marked interrupted, unless an instance still holds its lease
   * ('held': that one is executing it) or it already ended; `reason` says why, from how many times instances that
   * stopped cut it, in the same write.
   */
  interruptCutRun(runId: string, now: string, reason: (cuts: number) => string): Promise<'ended' | 'held' | 'interrupted'>;
  releaseRun(runId: string, by: string): Promise<void>;
  saveTest(tenantId: string, connectionId: string, test: ConnectionTest): Promise<void>;
  lastTest(tenantId: string, connectionId: string): Promise<ConnectionTest | null>;
}

export function createKyselyAutomationStore(db: Kysely<Database>): AutomationStore {
  return {
    async claimRun(tenantId, connectionId, run, lease) {
      // The partial unique index automation_runs_one_running (0013) decides between two instances inserting at once.
      try {
        await db
          .insertInto('automation_runs')
          .values({ id: run.id, tenant_id: tenantId, connection_id: connectionId, status: run.status, started_at: run.startedAt, finished_at: null, started_by: run.startedBy, units_json: JSON.stringify(run.units), calls_json: '[]', error: null, lease_by: lease?.by ?? null, lease_until: lease?.until ?? null })
          .execute();
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async leaseRun(runId, { by, now, until, from }) {
      const result = await db
        .updateTable('automation_runs')
        // Taking over another holder's lapsed lease: that instance stopped while executing the run, a cut. Taking it
        // from the starter that queued the job (`from`) is the hand-over, no cut.
        .set((eb) => ({
          lease_by: by,
          lease_until: until,
          cut_count: eb
            .case()
            .when(eb.and([eb('lease_by', 'is not', null), eb('lease_by', '!=', by), ...(from ? [eb('lease_by', '!=', from)] : [])]))
            .then(eb('cut_count', '+', 1))
            .else(eb.ref('cut_count'))
            .end(),
        }))
        .where('id', '=', runId)
        .where('status', '=', 'running')
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now), eb('lease_by', '=', by), ...(from ? [eb('lease_by', '=', from)] : [])]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async interruptCutRun(runId, now, reason) {
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('automation_runs').select(['status', 'lease_by', 'lease_until', 'cut_count']).where('id', '=', runId).executeTakeFirst();
        if (row?.status !== 'running') return 'ended';
        // The holder of the last lease stopped too, unless it released it (a graceful end never leaves a run running)
        // or it is the starter, which never executed it.
        const cuts = Number(row.cut_count) + (row.lease_by === null || row.lease_by.startsWith(STARTER_LEASE_PREFIX) ? 0 : 1);
        const result = await trx
          .updateTable('automation_runs')
          .set({ status: 'interrupted', finished_at: now, error: reason(cuts), lease_by: null, lease_until: null, cut_count: cuts })
          .where('id', '=', runId)
          .where('status', '=', 'running')
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
          .executeTakeFirst();
        return Number(result.numUpdatedRows) === 1 ? 'interrupted' : 'held';
      });
    },
    async interruptOrphanRuns(now, reason, connectionId) {
      // Served by the partial index automation_runs_one_running (0013): only running rows are read.
      let query = db
        .updateTable('automation_runs')
        .set({ status: 'interrupted', finished_at: now, error: reason, lease_by: null, lease_until: null })
        .where('status', '=', 'running')
        .where('lease_by', 'like', `${STARTER_LEASE_PREFIX}%`)
        .where('lease_until', '<=', now);
      if (connectionId) query = query.where('connection_id', '=', connectionId);
      const rows = await query.returning(['id', 'tenant_id', 'connection_id']).execute();
      return rows.map((row) => ({ tenantId: row.tenant_id, connectionId: row.connection_id, runId: row.id }));
    },
    async releaseRun(runId, by) {
      await db.updateTable('automation_runs').set({ lease_by: null, lease_until: null }).where('id', '=', runId).where('lease_by', '=', by).execute();
    },
    async saveRun(tenantId, connectionId, run) {
      const row = {
        status: run.status,
        started_at: run.startedAt,
        finished_at: run.finishedAt,
        units_json: JSON.stringify(run.units),
        calls_json: JSON.stringify(run.calls),
        error: run.error,
      };
      await db
        .insertInto('automation_runs')
        .values({ id: run.id, tenant_id: tenantId, connection_id: connectionId, started_by: run.startedBy, ...row })
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
    },
    async latestRun(tenantId, connectionId) {
      const row = await db
        .selectFrom('automation_runs')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('connection_id', '=', connectionId)
        .orderBy('started_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        id: row.id,
        status: row.status as AutomationRun['status'],
        startedAt: row.started_at,
        finishedAt: row.finished_at,
        startedBy: row.started_by,
        units: JSON.parse(row.units_json),
        calls: JSON.parse(row.calls_json),
        error: row.error,
      };
    },
    async markRunningInterrupted(at) {
      const result = await db.updateTable('automation_runs').set({ status: 'interrupted', finished_at: at }).where('status', '=', 'running').executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async saveTest(tenantId, connectionId, test) {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('connections').set({ last_test_json: JSON.stringify(test), last_test_outcome: test.outcome, last_test_at: test.at }).where('tenant_id', '=', tenantId).where('id', '=', connectionId).execute();
        // The tenant's working / needs-attention counts follow the test (0016), in the same transaction.
        await recountConnection(trx, connectionId);
      });
    },
    async lastTest(tenantId, connectionId) {
      const row = await db.selectFrom('connections').select('last_test_json').where('tenant_id', '=', tenantId).where('id', '=', connectionId).executeTakeFirst();
      return lastTestOf(row?.last_test_json ?? null);
    },
  };
}
