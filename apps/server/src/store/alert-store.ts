import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { AlertChannelTable, AlertDeliveryTable, AlertOutboxTable, Database } from './schema.js';
import type { Page } from './types.js';

export type AlertChannelRow = AlertChannelTable;
export type AlertOutboxRow = AlertOutboxTable;
export type AlertDeliveryRow = AlertDeliveryTable;

/** A delivery with what it sends and where. */
export interface ClaimedDelivery {
  delivery: AlertDeliveryRow;
  outbox: AlertOutboxRow;
  channel: AlertChannelRow;
}

export interface DeliveryLease {
  by: string;
  now: string;
  until: string;
}

export interface AlertStore {
  listAlertChannels(tenantId: string): Promise<AlertChannelRow[]>;
  getAlertChannel(tenantId: string, channelId: string): Promise<AlertChannelRow | undefined>;
  insertAlertChannel(row: AlertChannelRow): Promise<void>;
  updateAlertChannel(tenantId: string, channelId: string, patch: Partial<Omit<AlertChannelRow, 'id' | 'tenant_id' | 'kind' | 'created_at'>>): Promise<boolean>;
  deleteAlertChannel(tenantId: string, channelId: string): Promise<boolean>;
  /**
   * Inside the transition's transaction: one outbox row (unique per transition, a second call is a no-op) and one
   * delivery row per enabled channel of the tenant. `digestAt` is when a digest channel's daily digest goes out.
   */
  enqueueAlert(tx: Transaction<Database>, outbox: AlertOutboxRow, deliveryRows: (channel: AlertChannelRow) => AlertDeliveryRow): Promise<void>;
  /** A test alert: outbox row and one delivery to one channel. */
  enqueueTestAlert(outbox: AlertOutboxRow, delivery: AlertDeliveryRow): Promise<void>;
  /**
   * Pending immediate deliveries due and not leased, with their attempts so far, and the channels with a due digest,
   * not leased, with the earliest due time and the most attempts of its due deliveries. Each names one attempt: every
   * claim counts an attempt (also one cut by a dying instance) and a retry moves the due time, so the job queue keeps
   * one job per attempt by them (alert-worker.ts) and a later attempt is a new job.
   */
  dueAlertWork(now: string, limit: number): Promise<{ deliveries: { id: string; attempts: number }[]; digests: { channelId: string; dueAt: string; attempts: number }[] }>;
  /**
   * One atomic write: undefined when not pending, leased by someone else or (`dueOnly`, a job's claim) not yet due —
   * so a retry never goes sooner than the delivery log's next attempt. Send test alert claims without `dueOnly`.
   */
  claimAlertDelivery(deliveryId: string, lease: DeliveryLease, options?: { dueOnly?: boolean }): Promise<ClaimedDelivery | undefined>;
  /** Claims every due digest delivery of the channel at once (one digest message); empty when none or leased. */
  claimAlertDigest(channelId: string, lease: DeliveryLease): Promise<ClaimedDelivery[]>;
  /**
   * Ends the lease with the outcome; false (nothing written) when `by` lost the lease. `uncountClaim`: the claim that
   * took the lease was no attempt (it only found the attempts used up), so the log keeps the attempts really made.
   */
  finishAlertDeliveries(
    ids: string[],
    by: string,
    outcome: { status: 'pending' | 'delivered' | 'failed'; at: string; nextAttemptAt: string | null; statusCode: number | null; error: string | null; uncountClaim?: boolean },
  ): Promise<boolean>;
  getAlertDelivery(tenantId: string, deliveryId: string): Promise<AlertDeliveryRow | undefined>;
  /** Deletes alerts made before `before` whose deliveries all ended (their deliveries go with them); answers how many. */
  pruneAlerts(before: string): Promise<number>;
  listAlertDeliveries(tenantId: string, query: { page: number; pageSize: number; channelId?: string }): Promise<Page<AlertDeliveryRow & { channel_name: string; event: string; connection_id: string | null; state: string | null }>>;
}

export function createKyselyAlertStore(db: Kysely<Database>): AlertStore {
  const freeLease = (now: string) => (eb: ExpressionBuilder<Database, 'alert_deliveries'>) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]);

  const withParts = async (rows: AlertDeliveryRow[]): Promise<ClaimedDelivery[]> => {
    const out: ClaimedDelivery[] = [];
    for (const delivery of rows) {
      const outbox = await db.selectFrom('alert_outbox').selectAll().where('id', '=', delivery.outbox_id).executeTakeFirst();
      const channel = await db.selectFrom('alert_channels').selectAll().where('id', '=', delivery.channel_id).executeTakeFirst();
      if (outbox && channel) out.push({ delivery, outbox, channel });
    }
    return out;
  };

  return {
    async pruneAlerts(before) {
      // A pending delivery (a retry, a digest not yet due) keeps its alert, however old.
      const result = await db
        .deleteFrom('alert_outbox')
        .where('created_at', '<', before)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('alert_deliveries').select('alert_deliveries.id').whereRef('alert_deliveries.outbox_id', '=', 'alert_outbox.id').where('alert_deliveries.status', '=', 'pending'))),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    listAlertChannels: (tenantId) => db.selectFrom('alert_channels').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute(),
    getAlertChannel: (tenantId, channelId) => db.selectFrom('alert_channels').selectAll().where('tenant_id', '=', tenantId).where('id', '=', channelId).executeTakeFirst(),
    async insertAlertChannel(row) {
      await db.insertInto('alert_channels').values(row).execute();
    },
    async updateAlertChannel(tenantId, channelId, patch) {
      const result = await db.updateTable('alert_channels').set(patch).where('tenant_id', '=', tenantId).where('id', '=', channelId).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async deleteAlertChannel(tenantId, channelId) {
      return db.transaction().execute(async (trx) => {
        await trx.deleteFrom('alert_deliveries').where('tenant_id', '=', tenantId).where('channel_id', '=', channelId).execute();
        const result = await trx.deleteFrom('alert_channels').where('tenant_id', '=', tenantId).where('id', '=', channelId).executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      });
    },
    async enqueueAlert(tx, outbox, deliveryRow) {
      const inserted = await tx.insertInto('alert_outbox').values(outbox).onConflict((oc) => oc.column('transition_id').doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return;
      const channels = await tx.selectFrom('alert_channels').selectAll().where('tenant_id', '=', outbox.tenant_id).where('enabled', '=', 1).orderBy('created_at').orderBy('id').execute();
      for (const channel of channels) await tx.insertInto('alert_deliveries').values(deliveryRow(channel)).execute();
    },
    async enqueueTestAlert(outbox, delivery) {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('alert_outbox').values(outbox).execute();
        await trx.insertInto('alert_deliveries').values(delivery).execute();
      });
    },
    async dueAlertWork(now, limit) {
      const immediate = await db
        .selectFrom('alert_deliveries')
        .select(['id', 'attempts'])
        .where('status', '=', 'pending')
        .where('digest', '=', 0)
        .where('next_attempt_at', '<=', now)
        .where(freeLease(now))
        .orderBy('next_attempt_at')
        .limit(limit)
        .execute();
      const digests = await db
        .selectFrom('alert_deliveries')
        .select((eb) => ['channel_id', eb.fn.min<string>('next_attempt_at').as('due_at'), eb.fn.max<number>('attempts').as('attempts')])
        .where('status', '=', 'pending')
        .where('digest', '=', 1)
        .where('next_attempt_at', '<=', now)
        .where(freeLease(now))
        .groupBy('channel_id')
        .orderBy('channel_id')
        .limit(limit)
        .execute();
      return {
        deliveries: immediate.map((r) => ({ id: r.id, attempts: Number(r.attempts) })),
        digests: digests.map((r) => ({ channelId: r.channel_id, dueAt: r.due_at, attempts: Number(r.attempts) })),
      };
    },
    async claimAlertDelivery(deliveryId, { by, now, until }, { dueOnly = false } = {}) {
      let claim = db
        .updateTable('alert_deliveries')
        .set((eb) => ({ claimed_by: by, claimed_until: until, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', deliveryId)
        .where('status', '=', 'pending')
        .where(freeLease(now));
      if (dueOnly) claim = claim.where('next_attempt_at', '<=', now);
      const result = await claim.executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return undefined;
      const row = await db.selectFrom('alert_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirstOrThrow();
      return (await withParts([row]))[0];
    },
    async claimAlertDigest(channelId, { by, now, until }) {
      await db
        .updateTable('alert_deliveries')
        .set((eb) => ({ claimed_by: by, claimed_until: until, attempts: eb('attempts', '+', 1) }))
        .where('channel_id', '=', channelId)
        .where('status', '=', 'pending')
        .where('digest', '=', 1)
        .where('next_attempt_at', '<=', now)
        .where(freeLease(now))
        .execute();
      const rows = await db.selectFrom('alert_deliveries').selectAll().where('channel_id', '=', channelId).where('status', '=', 'pending').where('claimed_by', '=', by).where('claimed_until', '=', until).orderBy('created_at').execute();
      return withParts(rows);
    },
    async finishAlertDeliveries(ids, by, outcome) {
      if (ids.length === 0) return true;
      const result = await db
        .updateTable('alert_deliveries')
        .set((eb) => ({
          ...(outcome.uncountClaim ? { attempts: eb('attempts', '-', 1) } : {}),
          status: outcome.status,
          next_attempt_at: outcome.nextAttemptAt,
          delivered_at: outcome.status === 'delivered' ? outcome.at : null,
          last_status_code: outcome.statusCode,
          last_error: outcome.error,
          claimed_by: null,
          claimed_until: null,
        }))
        .where('id', 'in', ids)
        .where('claimed_by', '=', by)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    getAlertDelivery: (tenantId, deliveryId) => db.selectFrom('alert_deliveries').selectAll().where('tenant_id', '=', tenantId).where('id', '=', deliveryId).executeTakeFirst(),
    async listAlertDeliveries(tenantId, { page, pageSize, channelId }) {
      let base = db
        .selectFrom('alert_deliveries as d')
        .innerJoin('alert_outbox as o', 'o.id', 'd.outbox_id')
        .innerJoin('alert_channels as c', 'c.id', 'd.channel_id')
        .where('d.tenant_id', '=', tenantId);
      if (channelId) base = base.where('d.channel_id', '=', channelId);
      const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const items = await base
        .selectAll('d')
        .select(['c.name as channel_name', 'o.event', 'o.connection_id', 'o.state'])
        .orderBy('d.created_at', 'desc')
        .orderBy('d.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { rows: items, total: Number(total.n) };
    },
  };
}
