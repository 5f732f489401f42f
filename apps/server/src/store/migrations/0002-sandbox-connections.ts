import type { Kysely } from 'kysely';

/** Marks connections that point at the built-in SAP sandbox, so the UI can label them and seeding finds them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('connections').addColumn('is_sandbox', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('connections').dropColumn('is_sandbox').execute();
}
