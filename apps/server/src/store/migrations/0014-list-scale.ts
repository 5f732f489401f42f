import { sql, type Kysely } from 'kysely';

/**
 * Lists at scale (issue "Run as a service", 10,000 connections): per-connection step summaries and the certificate's
 * expiry kept on the connection row, maintained by the store in the same transaction as the change
 * (kysely-store.ts changeConnection), so a list neither counts step_progress per row nor joins it to sort; and an
 * index for every sort and filter of the tenant, connection and audit lists. Query builder and schema builder only:
 * the same migration runs on SQLite and PostgreSQL. Plans: see the README's "Scale" section.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const integer = (name: string) => db.schema.alterTable('connections').addColumn(name, 'integer', (c) => c.notNull().defaultTo(0)).execute();
  const text = (name: string) => db.schema.alterTable('connections').addColumn(name, 'text').execute();
  await integer('finished_count');
  await integer('failed_count');
  await integer('touched_count');
  await text('last_step_change_at');
  await db.schema.alterTable('connections').addColumn('first_failed_step', 'integer').execute();
  await text('first_failed_note');
  await text('certificate_not_after');

  // Backfill from the rows they summarise (correlated subqueries: portable, and run once).
  const steps = (where: ReturnType<typeof sql>) => sql`(select count(*) from step_progress s where s.connection_id = connections.id and ${where})`;
  await db
    .updateTable('connections')
    .set({
      finished_count: steps(sql`s.status in ('done', 'skipped')`),
      failed_count: steps(sql`s.status = 'failed'`),
      touched_count: steps(sql`s.status <> 'not_started'`),
      last_step_change_at: sql`(select max(s.updated_at) from step_progress s where s.connection_id = connections.id)`,
      first_failed_step: sql`(select min(s.step_id) from step_progress s where s.connection_id = connections.id and s.status = 'failed')`,
      first_failed_note: sql`(select s.note from step_progress s where s.connection_id = connections.id and s.status = 'failed' order by s.step_id limit 1)`,
      certificate_not_after: sql`(select tc.not_after from trust_certificates tc where tc.connection_id = connections.id)`,
    })
    .execute();

  // Every sort key of the connection list, with its tie-breakers, inside the tenant: the page is read off the index.
  for (const [name, column] of [
    ['connections_by_tenant_updated', 'updated_at'],
    ['connections_by_tenant_progress', 'finished_count'],
    ['connections_by_tenant_certificate', 'certificate_not_after'],
  ] as const) {
    await db.schema.createIndex(name).on('connections').columns(['tenant_id', column, 'display_name_key', 'id']).execute();
  }
  await db.schema.createIndex('tenants_by_updated').on('tenants').columns(['updated_at', 'id']).execute();
  // The audit log's filters, each newest first within the tenant (the page is ordered by id).
  for (const column of ['actor', 'action', 'connection_id', 'result'] as const) {
    await db.schema.createIndex(`audit_by_tenant_${column}`).on('audit_events').columns(['tenant_id', column, 'id']).execute();
  }
  await db.schema.createIndex('audit_by_tenant_at').on('audit_events').columns(['tenant_id', 'at']).execute();
  // The system view's "creation and deletion of tenants" branch.
  await db.schema.createIndex('audit_by_action').on('audit_events').columns(['action', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['audit_by_action', 'audit_by_tenant_at', 'audit_by_tenant_result', 'audit_by_tenant_connection_id', 'audit_by_tenant_action', 'audit_by_tenant_actor', 'tenants_by_updated', 'connections_by_tenant_certificate', 'connections_by_tenant_progress', 'connections_by_tenant_updated']) {
    await db.schema.dropIndex(name).execute();
  }
  for (const column of ['certificate_not_after', 'first_failed_note', 'first_failed_step', 'last_step_change_at', 'touched_count', 'failed_count', 'finished_count']) {
    await db.schema.alterTable('connections').dropColumn(column).execute();
  }
}
