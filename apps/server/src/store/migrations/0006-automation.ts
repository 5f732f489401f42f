import type { Kysely } from 'kysely';

/** Assisted-setup runs (progress and SAP call log, never secrets) and each connection's last connection test. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('automation_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('units_json', 'text', (c) => c.notNull())
    .addColumn('calls_json', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('automation_runs_by_connection').on('automation_runs').columns(['connection_id', 'started_at']).execute();
  await db.schema.alterTable('connections').addColumn('last_test_json', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('automation_runs').execute();
  await db.schema.alterTable('connections').dropColumn('last_test_json').execute();
}
