import type { Kysely } from 'kysely';
import { onPostgres } from './dialect.js';

/**
 * The tenants' audit log. Append-only: the store has no update or delete for it, and it has no foreign key, so
 * deleting a tenant or connection keeps the record of what was done to it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    // SQLite's `integer primary key autoincrement`; PostgreSQL numbers the rows with an identity column instead.
    .addColumn('id', 'integer', (c) => (onPostgres(db) ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text')
    .addColumn('object', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('audit_by_tenant_time').on('audit_events').columns(['tenant_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_events').execute();
}
