import { sql, type Kysely } from 'kysely';
import { onPostgres } from './dialect.js';

// LOCAL_ISSUER of auth-store.ts when this migration was written (a migration must not change once applied).
const LOCAL_ISSUER = 'local';
// Accounts made from tokens before this migration were keyed by user name / e-mail / sub, and their issuer was never
// stored: they keep their rows but no token is matched to them any more (no URL, so never a JWT_ISSUER).
const LEGACY_TOKEN_ISSUER = 'legacy-unknown-issuer';

/**
 * A user is issuer + subject (issue 9 finding 12; OpenID Connect Core 1.0 §5.7: `iss` and `sub` together are the only
 * stable identifier, e-mail and user name are not). User name and e-mail become attributes: the same name may belong to
 * accounts of different issuers, so the UNIQUE on `username` goes, which SQLite can only do by building the table anew
 * (https://www.sqlite.org/lang_altertable.html#otheralter). Foreign keys are off meanwhile, or dropping the old table
 * would delete every membership and session with it (ON DELETE CASCADE).
 */
/** On SQLite this migration manages its own transaction (foreign keys go off outside it); see sqlite-store.ts. */
export const ownTransaction = true;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (onPostgres(db)) return upOnPostgres(db);
  await rebuildUsers(db, async (trx) => {
    await trx.schema
      .createTable('users_next')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('system_admin', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    // Only local accounts have a password hash (token users are created without one): those stay keyed by user name.
    await sql`insert into users_next (id, issuer, subject, username, display_name, password_hash, system_admin, failed_sign_ins, locked_until, created_at, disabled)
      select id, case when password_hash is null then ${LEGACY_TOKEN_ISSUER} else ${LOCAL_ISSUER} end, username, username, display_name,
             password_hash, system_admin, failed_sign_ins, locked_until, created_at, disabled from users`.execute(trx);
    await trx.schema.dropTable('users').execute();
    await trx.schema.alterTable('users_next').renameTo('users').execute();
    await trx.schema.createIndex('users_identity').unique().on('users').columns(['issuer', 'subject']).execute();
    await trx.schema.createIndex('users_by_username').on('users').column('username').execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (onPostgres(db)) return downOnPostgres(db);
  await rebuildUsers(db, async (trx) => {
    await trx.schema
      .createTable('users_next')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('system_admin', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    // Fails on a user name two issuers share: going back must not merge their accounts.
    await sql`insert into users_next (id, username, display_name, password_hash, system_admin, failed_sign_ins, locked_until, created_at, disabled)
      select id, username, display_name, password_hash, system_admin, failed_sign_ins, locked_until, created_at, disabled from users`.execute(trx);
    await trx.schema.dropTable('users').execute();
    await trx.schema.alterTable('users_next').renameTo('users').execute();
  });
}

/** SQLite's procedure for a changed table: foreign keys off (outside the transaction), rebuild, check, keys on. */
async function rebuildUsers(db: Kysely<unknown>, rebuild: (trx: Kysely<unknown>) => Promise<void>): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    // Inside a transaction the pragma does nothing, and the drop would then cascade: refuse rather than lose roles.
    const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    if (Number(rows[0]?.foreign_keys) !== 0) throw new Error('Migration 0008 needs foreign keys off while it rebuilds the users table; it must not run inside a transaction.');
    await db.transaction().execute(async (trx) => {
      await rebuild(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error(`Migration 0008 would leave ${broken.rows.length} rows pointing at no user.`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

/**
 * PostgreSQL changes the table in place (ALTER TABLE does all of it, inside the migrations' one transaction): the
 * memberships and sessions keep pointing at the same rows. `users_username_key` is PostgreSQL's name for 0003's
 * `username unique`.
 */
async function upOnPostgres(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('issuer', 'text').execute();
  await db.schema.alterTable('users').addColumn('subject', 'text').execute();
  await sql`update users set issuer = case when password_hash is null then ${LEGACY_TOKEN_ISSUER} else ${LOCAL_ISSUER} end, subject = username`.execute(db);
  await db.schema.alterTable('users').alterColumn('issuer', (c) => c.setNotNull()).execute();
  await db.schema.alterTable('users').alterColumn('subject', (c) => c.setNotNull()).execute();
  await db.schema.alterTable('users').dropConstraint('users_username_key').execute();
  await db.schema.createIndex('users_identity').unique().on('users').columns(['issuer', 'subject']).execute();
  await db.schema.createIndex('users_by_username').on('users').column('username').execute();
}

async function downOnPostgres(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_by_username').execute();
  // Fails on a user name two issuers share, as on SQLite.
  await db.schema.alterTable('users').addUniqueConstraint('users_username_key', ['username']).execute();
  await db.schema.alterTable('users').dropColumn('subject').execute();
  await db.schema.alterTable('users').dropColumn('issuer').execute();
}
