import type { Kysely } from 'kysely';

/** Credentials per connection, encrypted (AES-256-GCM, see src/secrets); `meta` holds only what may be shown. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connection_secrets')
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ciphertext', 'text', (c) => c.notNull())
    .addColumn('meta_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('connection_secrets_pk', ['connection_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('connection_secrets').execute();
}
