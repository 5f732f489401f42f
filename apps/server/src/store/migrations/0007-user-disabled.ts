import { sql, type Kysely } from 'kysely';

/** A user can be disabled (finding 17 of "Tell the admin the truth"): no sign-in, no session, no bearer access. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(sql`0`)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('disabled').execute();
}
