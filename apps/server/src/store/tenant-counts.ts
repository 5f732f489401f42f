import { sql, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { HEALTH_RANKS } from './health-rank.js';
import type { Database } from './schema.js';

/*
 * A tenant's counts are kept on its row (migration 0016) and moved by differences: each connection records what it is
 * counted as (counted_working, counted_attention, counted_rank), and every change that can alter that recounts that
 * one connection in the change's own transaction, after the write that locked the connection's row — so two changes
 * of one connection never both apply the same difference, and the tenant list reads its counts instead of counting.
 */

/** The connection `c`'s last test is newer than every change to its steps (ISO strings compare in time order). */
const testIsCurrent = sql<SqlBool>`c.last_test_at >= coalesce(c.last_step_change_at, '')`;
/** Working: its last test passed, is current, no step failed, and the latest check did not find it broken. */
export const isWorking = sql<SqlBool>`c.last_test_outcome = 'succeeded' and c.failed_count = 0 and ${testIsCurrent} and c.health_rank <> ${sql.lit(HEALTH_RANKS.broken)}`;
/** Needs attention: a failed step, a current failed test, or a broken check. */
export const needsAttention = sql<SqlBool>`(c.failed_count > 0 or (c.last_test_outcome = 'failed' and ${testIsCurrent}) or c.health_rank = ${sql.lit(HEALTH_RANKS.broken)})`;

const RANKED = [
  ['healthy_count', HEALTH_RANKS.healthy],
  ['warning_count', HEALTH_RANKS.warning],
  ['broken_count', HEALTH_RANKS.broken],
] as const;

type Delta = { connections?: number; working: number; attention: number; fromRank: number | null; toRank: number | null };

/** Moves the tenant's counts by `delta`; a rank of null is "not counted" (a connection created or deleted). */
export async function moveTenantCounts(db: Kysely<Database>, tenantId: string, { connections = 0, working, attention, fromRank, toRank }: Delta): Promise<void> {
  const set: Record<string, (eb: ExpressionBuilder<Database, 'tenants'>) => unknown> = {};
  const by = (column: keyof Database['tenants'], d: number) => {
    if (d !== 0) set[column] = (eb) => eb(column as 'connection_count', '+', d);
  };
  by('connection_count', connections);
  by('working_count', working);
  by('attention_count', attention);
  for (const [column, rank] of RANKED) by(column, Number(toRank === rank) - Number(fromRank === rank));
  if (Object.keys(set).length === 0) return;
  await db
    .updateTable('tenants')
    .set((eb) => Object.fromEntries(Object.entries(set).map(([column, value]) => [column, value(eb)])) as never)
    .where('id', '=', tenantId)
    .execute();
}

/** Recounts one connection after a change to its steps, test or health, in that change's transaction. */
export async function recountConnection(db: Kysely<Database>, connectionId: string): Promise<void> {
  const row = await db
    .selectFrom('connections as c')
    .where('c.id', '=', connectionId)
    .select([
      'c.tenant_id',
      'c.counted_working',
      'c.counted_attention',
      'c.counted_rank',
      'c.health_rank',
      sql<number>`case when ${isWorking} then 1 else 0 end`.as('working'),
      sql<number>`case when ${needsAttention} then 1 else 0 end`.as('attention'),
    ])
    .executeTakeFirst();
  if (!row) return;
  const now = { working: Number(row.working), attention: Number(row.attention), rank: Number(row.health_rank) };
  const before = { working: Number(row.counted_working), attention: Number(row.counted_attention), rank: Number(row.counted_rank) };
  if (now.working === before.working && now.attention === before.attention && now.rank === before.rank) return;
  await db.updateTable('connections').set({ counted_working: now.working, counted_attention: now.attention, counted_rank: now.rank }).where('id', '=', connectionId).execute();
  await moveTenantCounts(db, row.tenant_id, { working: now.working - before.working, attention: now.attention - before.attention, fromRank: before.rank, toRank: now.rank });
}

/** Counts `tenantIds` afresh from their connections' counted_* (bulk seeding; migration 0016 does the same). */
export async function recountTenants(db: Kysely<Database>, tenantIds: string[]): Promise<void> {
  if (tenantIds.length === 0) return;
  await db
    .updateTable('connections as c')
    .set({ counted_working: sql`case when ${isWorking} then 1 else 0 end`, counted_attention: sql`case when ${needsAttention} then 1 else 0 end`, counted_rank: sql`c.health_rank` })
    .where('c.tenant_id', 'in', tenantIds)
    .execute();
  const count = (where: ReturnType<typeof sql>) => sql<number>`(select count(*) from connections c where c.tenant_id = tenants.id and ${where})`;
  await db
    .updateTable('tenants')
    .set({
      connection_count: count(sql`1 = 1`),
      working_count: count(sql`c.counted_working = 1`),
      attention_count: count(sql`c.counted_attention = 1`),
      healthy_count: count(sql`c.counted_rank = ${sql.lit(HEALTH_RANKS.healthy)}`),
      warning_count: count(sql`c.counted_rank = ${sql.lit(HEALTH_RANKS.warning)}`),
      broken_count: count(sql`c.counted_rank = ${sql.lit(HEALTH_RANKS.broken)}`),
    })
    .where('id', 'in', tenantIds)
    .execute();
}
