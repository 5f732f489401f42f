import { sql, type Kysely } from 'kysely';

/**
 * How many times a run was cut by an instance that stopped while executing it (counted when another instance takes
 * over its lapsed lease): the reason an abandoned run gives the admin ("cut 3 times … start it again").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('automation_runs').addColumn('cut_count', 'integer', (c) => c.notNull().defaultTo(sql`0`)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('automation_runs').dropColumn('cut_count').execute();
}
