import type { Kysely } from 'kysely';

/**
 * Connection health (health/): the latest state per connection with its scheduling lease, and the history timeline.
 * `claimed_until`/`claimed_by` are the lease a checker takes with one atomic UPDATE, so several servers on one store
 * never check a connection at once, and a lease left by a crashed process simply expires. Per-tenant interval on the
 * tenant. Rows go with their connection (cascade).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connection_health')
    .addColumn('connection_id', 'text', (c) => c.primaryKey().references('connections.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('since', 'text')
    .addColumn('findings_json', 'text', (c) => c.notNull())
    .addColumn('last_check_at', 'text')
    .addColumn('next_check_at', 'text', (c) => c.notNull())
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('certificate_not_after', 'text')
    .addColumn('certificate_threshold', 'integer')
    .addColumn('claimed_until', 'text')
    .addColumn('claimed_by', 'text')
    .execute();
  await db.schema.createIndex('connection_health_due').on('connection_health').columns(['next_check_at']).execute();
  await db.schema.createIndex('connection_health_by_tenant').on('connection_health').columns(['tenant_id', 'state']).execute();
  await db.schema
    .createTable('health_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('previous_state', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('findings_json', 'text', (c) => c.notNull())
    /** A run of equal checks is one entry (checks counted): a healthy connection adds no row every 15 minutes. */
    .addColumn('checks', 'integer', (c) => c.notNull().defaultTo(1))
    /** Finding codes and fields, sorted: what "equal" means for merging checks. */
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('health_events_by_connection').on('health_events').columns(['connection_id', 'at']).execute();
  await db.schema.createIndex('health_events_by_time').on('health_events').columns(['at']).execute();
  await db.schema.alterTable('tenants').addColumn('health_interval_seconds', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('health_events').execute();
  await db.schema.dropTable('connection_health').execute();
  await db.schema.alterTable('tenants').dropColumn('health_interval_seconds').execute();
}
