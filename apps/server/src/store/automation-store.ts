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

export interface AutomationStore {
  /** Records a new running run unless one is running for the connection (atomic: one run at a time, across servers). */
  claimRun(tenantId: string, connectionId: string, run: AutomationRun): Promise<boolean>;
  saveRun(tenantId: string, connectionId: string, run: AutomationRun): Promise<void>;
  latestRun(tenantId: string, connectionId: string): Promise<AutomationRun | undefined>;
  /** Runs that were going when the process stopped: they are marked interrupted at start (a re-run resumes). */
  markRunningInterrupted(at: string): Promise<number>;
  /**
   * Takes (or renews) the lease of a running run for `by` until `until`: false when the run is not running or another
   * holder's lease has not run out — then that instance is still executing it.
   */
  leaseRun(runId: string, lease: { by: string; now: string; until: string }): Promise<boolean>;
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
    async claimRun(tenantId, connectionId, run) {
      // The partial unique index automation_runs_one_running (0013) decides between two instances inserting at once.
      try {
        await db
          .insertInto('automation_runs')
          .values({ id: run.id, tenant_id: tenantId, connection_id: connectionId, status: run.status, started_at: run.startedAt, finished_at: null, started_by: run.startedBy, units_json: JSON.stringify(run.units), calls_json: '[]', error: null, lease_by: null, lease_until: null })
          .execute();
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async leaseRun(runId, { by, now, until }) {
      const result = await db
        .updateTable('automation_runs')
        // Taking over another holder's lapsed lease: that instance stopped while executing the run, a cut.
        .set((eb) => ({
          lease_by: by,
          lease_until: until,
          cut_count: eb.case().when(eb.and([eb('lease_by', 'is not', null), eb('lease_by', '!=', by)])).then(eb('cut_count', '+', 1)).else(eb.ref('cut_count')).end(),
        }))
        .where('id', '=', runId)
        .where('status', '=', 'running')
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now), eb('lease_by', '=', by)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async interruptCutRun(runId, now, reason) {
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('automation_runs').select(['status', 'lease_by', 'lease_until', 'cut_count']).where('id', '=', runId).executeTakeFirst();
        if (row?.status !== 'running') return 'ended';
        // The holder of the last lease stopped too, unless it released it (a graceful end never leaves a run running).
        const cuts = Number(row.cut_count) + (row.lease_by === null ? 0 : 1);
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
