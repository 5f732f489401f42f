import { sql, type Kysely } from 'kysely';

/**
 * A tenant's counts kept on its row (connections; working; needing attention; healthy, warning, broken), moved by the
 * store in the transaction of every change that can alter them (store/tenant-counts.ts), so the tenant list reads them
 * instead of counting a large tenant's connections per request. Each connection records what it is counted as
 * (`counted_*`), which makes every change a difference of one row. Runs on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const integer = (table: string, name: string, initial: number) =>
    db.schema.alterTable(table).addColumn(name, 'integer', (c) => c.notNull().defaultTo(initial)).execute();
  for (const name of ['connection_count', 'working_count', 'attention_count', 'healthy_count', 'warning_count', 'broken_count']) await integer('tenants', name, 0);
  await integer('connections', 'counted_working', 0);
  await integer('connections', 'counted_attention', 0);
  await integer('connections', 'counted_rank', 2);
  // Counts are read from the tenant row now: 0015's index for counting them per request only costs writes.
  await db.schema.dropIndex('connections_tenant_summary').execute();

  const current = sql`connections.last_test_at >= coalesce(connections.last_step_change_at, '')`;
  await db
    .updateTable('connections')
    .set({
      counted_working: sql`case when connections.last_test_outcome = 'succeeded' and connections.failed_count = 0 and ${current} and connections.health_rank <> 0 then 1 else 0 end`,
      counted_attention: sql`case when connections.failed_count > 0 or (connections.last_test_outcome = 'failed' and ${current}) or connections.health_rank = 0 then 1 else 0 end`,
      counted_rank: sql`connections.health_rank`,
    })
    .execute();
  const count = (where: ReturnType<typeof sql>) => sql`(select count(*) from connections c where c.tenant_id = tenants.id and ${where})`;
  await db
    .updateTable('tenants')
    .set({
      connection_count: count(sql`1 = 1`),
      working_count: count(sql`c.counted_working = 1`),
      attention_count: count(sql`c.counted_attention = 1`),
      healthy_count: count(sql`c.counted_rank = 3`),
      warning_count: count(sql`c.counted_rank = 1`),
      broken_count: count(sql`c.counted_rank = 0`),
    })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('connections_tenant_summary')
    .on('connections')
    .columns(['tenant_id', 'health_rank', 'failed_count', 'last_test_outcome', 'last_test_at', 'last_step_change_at'])
    .execute();
  for (const name of ['counted_rank', 'counted_attention', 'counted_working']) await db.schema.alterTable('connections').dropColumn(name).execute();
  for (const name of ['broken_count', 'warning_count', 'healthy_count', 'attention_count', 'working_count', 'connection_count']) await db.schema.alterTable('tenants').dropColumn(name).execute();
}
