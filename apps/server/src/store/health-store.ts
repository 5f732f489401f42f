import type { HealthFinding, HealthState } from '@tcc/shared';
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { Page } from './types.js';
import { healthRankOf } from './health-rank.js';
import { recountConnection } from './tenant-counts.js';

/** A connection's latest health as stored (health/health-state.ts computes it). */
export interface HealthRecord {
  state: HealthState;
  since: string | null;
  /** Most severe first. */
  findings: HealthFinding[];
  lastCheckAt: string | null;
  nextCheckAt: string;
  consecutiveFailures: number;
  /** The active trust certificate's notAfter as last read (days left are computed when shown). */
  certificateNotAfter: string | null;
  /** The last expiry threshold (60/30/7/0 days) crossed, so each is reported once. */
  certificateThreshold: number | null;
}

export interface HealthEventRecord {
  id: string;
  at: string;
  firstAt: string;
  kind: 'check' | 'transition';
  state: HealthState;
  previousState: HealthState | null;
  summary: string;
  findings: HealthFinding[];
  checks: number;
  /** Finding codes and fields: equal checks in a row (same state, same signature) become one entry. */
  signature: string;
}

/**
 * What changed in one check that someone may have to hear about: the state changed (previousState null on the first
 * check), or the active certificate crossed an expiry threshold. One per check at most. `id` is the history entry's
 * id, unique per transition: an alert outbox keyed by it sends each transition once.
 */
export interface HealthTransition {
  id: string;
  tenantId: string;
  connectionId: string;
  at: string;
  state: HealthState;
  previousState: HealthState | null;
  stateChanged: boolean;
  /** The threshold newly crossed in this check (60, 30, 7 days; 0 = expired), or null. */
  certificateThreshold: number | null;
  certificateDaysLeft: number | null;
  summary: string;
  findings: HealthFinding[];
}

/**
 * Called inside the transaction that records the transition (same `tx`): what it writes (an alert outbox row) commits
 * or rolls back with the new health, so a crash can neither lose an alert nor make a second one.
 */
export type TransitionHook = (tx: Transaction<Database>, transition: HealthTransition) => Promise<void>;

export interface HealthClaim {
  /** The checker (one per server process). */
  by: string;
  now: string;
  /** The lease's end: a checker that crashed holds the connection no longer than this. */
  until: string;
  /** Scheduled checks claim only connections that are due; Check now claims any that no one is checking. */
  dueOnly: boolean;
  /** next_check_at of a connection that has no health row yet. */
  nextCheckAt: string;
}

export interface HealthStore {
  /** Gives connections without a health row one, scheduled at `nextCheckAt(connection)`; answers how many. */
  scheduleUnscheduledConnections(nextCheckAt: (connection: { tenantId: string; connectionId: string }) => string, limit: number): Promise<number>;
  /** Connections due for a check and not leased, earliest first. */
  dueHealthChecks(now: string, limit: number): Promise<{ tenantId: string; connectionId: string }[]>;
  /** Takes the lease with one atomic write; false when another checker holds it (or, dueOnly, it is not due). */
  claimHealthCheck(tenantId: string, connectionId: string, claim: HealthClaim): Promise<boolean>;
  releaseHealthCheck(connectionId: string, by: string): Promise<void>;
  /** Whether a lease on the connection is held now (by anyone). */
  healthCheckLeased(connectionId: string, now: string): Promise<boolean>;
  /** Whether a certificate rotation (a lease taken with ROTATION_LEASE_MARK in its holder) holds the connection now. */
  rotationLeased(connectionId: string, now: string): Promise<boolean>;
  getHealth(tenantId: string, connectionId: string): Promise<HealthRecord | undefined>;
  /**
   * Writes the health, its history entry and the transition (through `onTransition`) in one transaction, releasing
   * the lease; false, and nothing written, when `by` no longer holds the lease. History of the connection older than
   * `pruneBefore` goes in the same write.
   */
  saveHealthCheck(
    tenantId: string,
    connectionId: string,
    by: string,
    outcome: { health: HealthRecord; event: HealthEventRecord; transition: HealthTransition | null; pruneBefore: string },
    onTransition: TransitionHook,
  ): Promise<boolean>;
  listHealthEvents(tenantId: string, connectionId: string, page: number, pageSize: number): Promise<Page<HealthEventRecord>>;
  /** Every tenant's history older than `before`; answers how many entries went. */
  pruneHealthEvents(before: string): Promise<number>;
  getTenantHealthInterval(tenantId: string): Promise<number | null>;
  setTenantHealthInterval(tenantId: string, seconds: number | null): Promise<boolean>;
  listConnectionIds(tenantId: string): Promise<string[]>;
}

/** Part of the lease holder's name while a certificate rotation holds a connection (trust-rotation-service.ts). */
export const ROTATION_LEASE_MARK = '/rotation/';

const parseFindings = (json: string): HealthFinding[] => JSON.parse(json) as HealthFinding[];

const toHealth = (row: Database['connection_health']): HealthRecord => ({
  state: row.state as HealthState,
  since: row.since,
  findings: parseFindings(row.findings_json),
  lastCheckAt: row.last_check_at,
  nextCheckAt: row.next_check_at,
  consecutiveFailures: Number(row.consecutive_failures),
  certificateNotAfter: row.certificate_not_after,
  certificateThreshold: row.certificate_threshold === null ? null : Number(row.certificate_threshold),
});

const toEvent = (row: Database['health_events']): HealthEventRecord => ({
  id: row.id,
  at: row.at,
  firstAt: row.first_at,
  kind: row.kind as HealthEventRecord['kind'],
  state: row.state as HealthState,
  previousState: row.previous_state as HealthState | null,
  summary: row.summary,
  findings: parseFindings(row.findings_json),
  checks: Number(row.checks),
  signature: row.signature,
});

export { HEALTH_RANKS, healthRankOf } from './health-rank.js';

export function createKyselyHealthStore(db: Kysely<Database>): HealthStore {
  /** No one holds the lease: never taken, released, or run out (a crashed checker's). */
  const freeLease = (now: string) => (eb: ExpressionBuilder<Database, 'connection_health'>) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]);

  return {
    async scheduleUnscheduledConnections(nextCheckAt, limit) {
      const rows = await db
        .selectFrom('connections as c')
        .select(['c.id', 'c.tenant_id'])
        .where((eb) => eb.not(eb.exists(eb.selectFrom('connection_health as h').select('h.connection_id').whereRef('h.connection_id', '=', 'c.id'))))
        .limit(limit)
        .execute();
      for (const row of rows) {
        await db
          .insertInto('connection_health')
          .values({ connection_id: row.id, tenant_id: row.tenant_id, state: 'unknown', since: null, findings_json: '[]', next_check_at: nextCheckAt({ tenantId: row.tenant_id, connectionId: row.id }), consecutive_failures: 0 })
          .onConflict((oc) => oc.column('connection_id').doNothing())
          .execute();
      }
      return rows.length;
    },

    async dueHealthChecks(now, limit) {
      const rows = await db
        .selectFrom('connection_health')
        .select(['tenant_id', 'connection_id'])
        .where('next_check_at', '<=', now)
        .where(freeLease(now))
        .orderBy('next_check_at')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ tenantId: row.tenant_id, connectionId: row.connection_id }));
    },

    async claimHealthCheck(tenantId, connectionId, { by, now, until, dueOnly, nextCheckAt }) {
      const connection = await db.selectFrom('connections').select('id').where('id', '=', connectionId).where('tenant_id', '=', tenantId).executeTakeFirst();
      if (!connection) return false;
      if (!dueOnly) {
        const inserted = await db
          .insertInto('connection_health')
          .values({ connection_id: connectionId, tenant_id: tenantId, state: 'unknown', since: null, findings_json: '[]', next_check_at: nextCheckAt, consecutive_failures: 0, claimed_by: by, claimed_until: until })
          .onConflict((oc) => oc.column('connection_id').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
      }
      // The one atomic step: whoever's UPDATE matches a free lease owns the check; everyone else matches no row.
      let claim = db
        .updateTable('connection_health')
        .set({ claimed_by: by, claimed_until: until })
        .where('connection_id', '=', connectionId)
        .where('tenant_id', '=', tenantId)
        .where(freeLease(now));
      if (dueOnly) claim = claim.where('next_check_at', '<=', now);
      const result = await claim.executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async releaseHealthCheck(connectionId, by) {
      await db.updateTable('connection_health').set({ claimed_by: null, claimed_until: null }).where('connection_id', '=', connectionId).where('claimed_by', '=', by).execute();
    },

    async rotationLeased(connectionId, now) {
      const row = await db
        .selectFrom('connection_health')
        .select('claimed_by')
        .where('connection_id', '=', connectionId)
        .where('claimed_until', '>', now)
        .where('claimed_by', 'like', `%${ROTATION_LEASE_MARK}%`)
        .executeTakeFirst();
      return row !== undefined;
    },

    async healthCheckLeased(connectionId, now) {
      const row = await db.selectFrom('connection_health').select('claimed_until').where('connection_id', '=', connectionId).where('claimed_until', '>', now).executeTakeFirst();
      return row !== undefined;
    },

    async getHealth(tenantId, connectionId) {
      const row = await db.selectFrom('connection_health').selectAll().where('tenant_id', '=', tenantId).where('connection_id', '=', connectionId).executeTakeFirst();
      return row ? toHealth(row) : undefined;
    },

    async saveHealthCheck(tenantId, connectionId, by, { health, event, transition, pruneBefore }, onTransition) {
      return db.transaction().execute(async (trx) => {
        const saved = await trx
          .updateTable('connection_health')
          .set({
            state: health.state,
            since: health.since,
            findings_json: JSON.stringify(health.findings),
            last_check_at: health.lastCheckAt,
            next_check_at: health.nextCheckAt,
            consecutive_failures: health.consecutiveFailures,
            certificate_not_after: health.certificateNotAfter,
            certificate_threshold: health.certificateThreshold,
            claimed_by: null,
            claimed_until: null,
          })
          .where('connection_id', '=', connectionId)
          .where('tenant_id', '=', tenantId)
          .where('claimed_by', '=', by)
          .where('claimed_until', '>', event.at)
          .executeTakeFirst();
        // The lease ran out and someone else may be checking: this result is not written at all.
        if (Number(saved.numUpdatedRows) !== 1) return false;
        // Kept on the connection row for the lists (migration 0015), in the same transaction as the state.
        await trx.updateTable('connections').set({ health_rank: healthRankOf(health.state) }).where('id', '=', connectionId).execute();
        await recountConnection(trx, connectionId);
        const last = await trx.selectFrom('health_events').selectAll().where('connection_id', '=', connectionId).orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
        if (event.kind === 'check' && last && last.kind === 'check' && last.state === event.state && last.signature === event.signature) {
          await trx
            .updateTable('health_events')
            .set((eb) => ({ at: event.at, checks: eb('checks', '+', 1), summary: event.summary, findings_json: JSON.stringify(event.findings) }))
            .where('id', '=', last.id)
            .execute();
        } else {
          await trx
            .insertInto('health_events')
            .values({
              id: event.id,
              tenant_id: tenantId,
              connection_id: connectionId,
              at: event.at,
              first_at: event.firstAt,
              kind: event.kind,
              state: event.state,
              previous_state: event.previousState,
              summary: event.summary,
              findings_json: JSON.stringify(event.findings),
              checks: event.checks,
              signature: event.signature,
            })
            .execute();
        }
        await trx.deleteFrom('health_events').where('connection_id', '=', connectionId).where('at', '<', pruneBefore).execute();
        if (transition) await onTransition(trx, transition);
        return true;
      });
    },

    async listHealthEvents(tenantId, connectionId, page, pageSize) {
      const base = db.selectFrom('health_events').where('tenant_id', '=', tenantId).where('connection_id', '=', connectionId);
      const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
      const rows = await base
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('first_at', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { total: Number(total), rows: rows.map(toEvent) };
    },

    async pruneHealthEvents(before) {
      const result = await db.deleteFrom('health_events').where('at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async getTenantHealthInterval(tenantId) {
      const row = await db.selectFrom('tenants').select('health_interval_seconds').where('id', '=', tenantId).executeTakeFirst();
      return row?.health_interval_seconds == null ? null : Number(row.health_interval_seconds);
    },

    async setTenantHealthInterval(tenantId, seconds) {
      const result = await db.updateTable('tenants').set({ health_interval_seconds: seconds }).where('id', '=', tenantId).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async listConnectionIds(tenantId) {
      const rows = await db.selectFrom('connections').select('id').where('tenant_id', '=', tenantId).orderBy('display_name_key').execute();
      return rows.map((row) => row.id);
    },
  };
}
