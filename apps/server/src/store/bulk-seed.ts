import { sql, type Insertable, type Kysely } from 'kysely';
import { HEALTH_RANKS } from './health-rank.js';
import { recountTenants } from './tenant-counts.js';
import { stepSummaries } from './kysely-store.js';
import type { Database } from './schema.js';

/** Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters for the widest table. */
const ROWS_PER_INSERT = 500;

export interface BulkRows {
  tenants?: Insertable<Database['tenants']>[];
  memberships?: Insertable<Database['memberships']>[];
  /** The step summaries (0014) are computed here from `steps` and `certificates`, as changeConnection keeps them. */
  connections?: Insertable<Database['connections']>[];
  steps?: Insertable<Database['step_progress']>[];
  certificates?: Insertable<Database['trust_certificates']>[];
  health?: Insertable<Database['connection_health']>[];
  runs?: Insertable<Database['automation_runs']>[];
  audit?: Insertable<Database['audit_events']>[];
}

/**
 * Seeding for benchmarks (`npm run bench:scale`): many rows in one transaction, several hundred per INSERT, on either
 * database. Rows go in as the store writes them, and the summaries the store maintains on write (the connections'
 * step counts, certificate expiry and health rank, migrations 0014 and 0015) are recomputed for the connections given,
 * and the counts of the tenants given or touched (0016), in the same transaction, so a seeded database reads exactly
 * like one built through the API. Not for the app: no validation.
 */
export async function seedBulk(db: Kysely<Database>, rows: BulkRows): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const insert = async <T extends keyof Database>(table: T, values: Insertable<Database[T]>[] | undefined) => {
      for (let i = 0; i < (values?.length ?? 0); i += ROWS_PER_INSERT) {
        await trx.insertInto(table).values(values!.slice(i, i + ROWS_PER_INSERT) as never).execute();
      }
    };
    await insert('tenants', rows.tenants);
    await insert('memberships', rows.memberships);
    await insert('connections', rows.connections);
    await insert('step_progress', rows.steps);
    await insert('trust_certificates', rows.certificates);
    await insert('connection_health', rows.health);
    await insert('automation_runs', rows.runs);
    await insert('audit_events', rows.audit);
    const ids = (rows.connections ?? []).map((c) => c.id);
    for (let i = 0; i < ids.length; i += ROWS_PER_INSERT) {
      await trx
        .updateTable('connections')
        .set({
          ...stepSummaries(sql.ref('connections.id')),
          certificate_not_after: sql<string | null>`(select tc.not_after from trust_certificates tc where tc.connection_id = connections.id)`,
          health_rank: sql<number>`coalesce((select case h.state when 'broken' then ${sql.lit(HEALTH_RANKS.broken)} when 'warning' then ${sql.lit(HEALTH_RANKS.warning)} when 'healthy' then ${sql.lit(HEALTH_RANKS.healthy)} else ${sql.lit(HEALTH_RANKS.unknown)} end from connection_health h where h.connection_id = connections.id), ${sql.lit(HEALTH_RANKS.unknown)})`,
        })
        .where('id', 'in', ids.slice(i, i + ROWS_PER_INSERT))
        .execute();
    }
    const tenantIds = [...new Set([...(rows.tenants ?? []).map((t) => t.id), ...(rows.connections ?? []).map((c) => c.tenant_id)])];
    for (let i = 0; i < tenantIds.length; i += ROWS_PER_INSERT) await recountTenants(trx, tenantIds.slice(i, i + ROWS_PER_INSERT));
  });
}
