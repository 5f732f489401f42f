import type { Kysely } from 'kysely';

/**
 * Alerts (alerts/): channels per tenant, an outbox row per alerted health transition, and one delivery row per
 * channel and outbox row. The outbox and its delivery rows are written by the health transition's own transaction;
 * `alert_outbox.transition_id` is unique, so a transition can never make two alerts. Deliveries are claimed with a
 * lease (`claimed_until`/`claimed_by`) like health checks, so several servers never send one delivery at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alert_channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    /** email: recipients as a JSON array; webhook: the URL. */
    .addColumn('target', 'text', (c) => c.notNull())
    /** webhook: the signing secret, encrypted with the keyring (context alert-channel:<id>:secret). */
    .addColumn('secret_ciphertext', 'text')
    .addColumn('digest', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alert_channels_by_tenant').on('alert_channels').columns(['tenant_id']).execute();
  await db.schema
    .createTable('alert_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    /** The health history entry of the transition; null for a test alert. */
    .addColumn('transition_id', 'text', (c) => c.unique())
    .addColumn('connection_id', 'text')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('state', 'text')
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('alert_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text', (c) => c.notNull().references('alert_outbox.id').onDelete('cascade'))
    .addColumn('channel_id', 'text', (c) => c.notNull().references('alert_channels.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('digest', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addUniqueConstraint('alert_deliveries_once', ['outbox_id', 'channel_id'])
    .execute();
  await db.schema.createIndex('alert_deliveries_due').on('alert_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('alert_deliveries_by_tenant').on('alert_deliveries').columns(['tenant_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alert_deliveries').execute();
  await db.schema.dropTable('alert_outbox').execute();
  await db.schema.dropTable('alert_channels').execute();
}
