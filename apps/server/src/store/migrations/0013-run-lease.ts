import { sql, type Kysely } from 'kysely';

/**
 * Runs across instances (issue "Run as a service"): the instance executing a run holds a lease on it that it renews
 * while it works; a run whose lease ran out was cut by a crashed instance and may be picked up by another. And one
 * running run per connection, enforced by the database itself (a partial unique index), not by a read-then-write
 * that two instances could interleave.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('automation_runs').addColumn('lease_by', 'text').execute();
  await db.schema.alterTable('automation_runs').addColumn('lease_until', 'text').execute();
  await db.schema
    .createIndex('automation_runs_one_running')
    .on('automation_runs')
    .column('connection_id')
    .unique()
    .where(sql<boolean>`status = 'running'`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('automation_runs_one_running').execute();
  await db.schema.alterTable('automation_runs').dropColumn('lease_until').execute();
  await db.schema.alterTable('automation_runs').dropColumn('lease_by').execute();
}
