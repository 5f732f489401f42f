import type { Kysely } from 'kysely';

/**
 * The last test's outcome and time as columns beside its JSON: the tenant list counts working connections in SQL
 * (a connection is working only while a passing test is newer than every change to its steps).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('connections').addColumn('last_test_outcome', 'text').execute();
  await db.schema.alterTable('connections').addColumn('last_test_at', 'text').execute();
  const rows = await db.selectFrom('connections').select(['id', 'last_test_json']).where('last_test_json', 'is not', null).execute();
  for (const row of rows as { id: string; last_test_json: string }[]) {
    const test = JSON.parse(row.last_test_json) as { outcome: string; at: string };
    // Before "not-tested" existed, a test that could not run was recorded as no-user-token.
    const outcome = test.outcome === 'no-user-token' ? 'not-tested' : test.outcome;
    await db.updateTable('connections').set({ last_test_outcome: outcome, last_test_at: test.at }).where('id', '=', row.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('connections').dropColumn('last_test_outcome').execute();
  await db.schema.alterTable('connections').dropColumn('last_test_at').execute();
}
