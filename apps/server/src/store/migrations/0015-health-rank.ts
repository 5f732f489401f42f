import { sql, type Kysely } from 'kysely';

/**
 * The connection's latest health as a rank on its own row (broken 0, warning 1, unknown or never checked 2, healthy 3),
 * kept by the health store in the transaction that saves a check (health-store.ts saveHealthCheck). The connection list
 * sorts and filters by it off an index instead of joining connection_health and sorting every row, and a tenant's
 * counts are read from one covering index of its connections. Runs on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('connections').addColumn('health_rank', 'integer', (c) => c.notNull().defaultTo(2)).execute();
  await db
    .updateTable('connections')
    .set({
      health_rank: sql`coalesce((select case h.state when 'broken' then 0 when 'warning' then 1 when 'healthy' then 3 else 2 end from connection_health h where h.connection_id = connections.id), 2)`,
    })
    .execute();
  await db.schema.createIndex('connections_by_tenant_health').on('connections').columns(['tenant_id', 'health_rank', 'display_name_key', 'id']).execute();
  // Everything a tenant's counts read (working, needs attention, by health): counted from the index alone.
  await db.schema
    .createIndex('connections_tenant_summary')
    .on('connections')
    .columns(['tenant_id', 'health_rank', 'failed_count', 'last_test_outcome', 'last_test_at', 'last_step_change_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('connections_tenant_summary').execute();
  await db.schema.dropIndex('connections_by_tenant_health').execute();
  await db.schema.alterTable('connections').dropColumn('health_rank').execute();
}
