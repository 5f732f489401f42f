import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely, type MigrationProvider } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrationProvider } from '../src/store/migrations/index.js';
import { createPostgresStore, StoreUnavailableError } from '../src/store/postgres-store.js';
import { createSqliteStore } from '../src/store/sqlite-store.js';
import { openTestKysely, TEST_STORE, testDatabaseUrl } from './support/test-database.js';

/**
 * The migrations, written once, on the database of this pass (SQLite, or PostgreSQL with TEST_STORE=postgres), and
 * what a failing one does: nothing. On PostgreSQL Kysely's Migrator runs all pending migrations in one transaction
 * (transactional DDL); on SQLite the store runs each in a transaction of its own (sqlite-store.ts inTransactions).
 */
const open = async (dataDir: string, migrations?: MigrationProvider) =>
  TEST_STORE === 'postgres' ? createPostgresStore(await testDatabaseUrl(dataDir), { migrations }) : createSqliteStore(dataDir, { migrations });

/** Tables with their columns, indexes, the migration record and the tenants: what a failed migration must not change. */
async function snapshot(dataDir: string) {
  const db = await openTestKysely<any>(dataDir);
  try {
    const tables = (await db.introspection.getTables({ withInternalKyselyTables: true }))
      .map((t) => ({ name: t.name, columns: t.columns.map((c) => `${c.name} ${c.dataType} ${c.isNullable ? 'null' : 'not null'}`).sort() }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const indexes =
      TEST_STORE === 'postgres'
        ? (await sql<{ name: string; def: string }>`select indexname as name, indexdef as def from pg_indexes where schemaname = 'public' order by indexname`.execute(db)).rows
        : (await sql<{ name: string; def: string }>`select name, sql as def from sqlite_master where type = 'index' order by name`.execute(db)).rows;
    const migrations = (await db.selectFrom('kysely_migration').select('name').orderBy('name').execute()).map((r) => r.name as string);
    const tenants = await db.selectFrom('tenants').select(['id', 'name']).orderBy('id').execute();
    return { tables, indexes, migrations, tenants };
  } finally {
    await db.destroy();
  }
}

describe(`migrations on ${TEST_STORE}`, () => {
  it('when the store opens an empty database, then every migration is applied in order and recorded', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-migrations-'));
    const store = await open(dataDir);
    expect(store.kind).toBe(TEST_STORE);
    await store.ping();
    await store.close();
    expect((await snapshot(dataDir)).migrations).toEqual(Object.keys(await migrationProvider.getMigrations()).sort());
  });

  it('when a pending migration fails, then opening stops with what failed and the schema, the data and the migration record are as before', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-migrations-'));
    const store = await open(dataDir);
    const at = '2026-01-01T00:00:00.000Z';
    await store.createUser({ id: 'u1', issuer: 'local', subject: 'carol', username: 'carol', displayName: 'Carol', passwordHash: null, systemAdmin: true }, at);
    await store.createTenant({ id: 't1', name: 'Before the failure' }, 'u1', { at, by: 'carol' });
    await store.close();
    const before = await snapshot(dataDir);

    const all = await migrationProvider.getMigrations();
    const withFailing: MigrationProvider = {
      getMigrations: async () => ({
        ...all,
        '9999-fails': {
          up: async (db: Kysely<any>) => {
            await db.schema.createTable('made_by_9999').addColumn('id', 'text').execute();
            await db.schema.alterTable('tenants').addColumn('added_by_9999', 'text').execute();
            await db.schema.alterTable('connections').dropColumn('landscape_domain').execute();
            await db.schema.createIndex('tenants_by_9999').on('tenants').column('updated_by').execute();
            await db.insertInto('tenants').values({ id: 't2', name: 'Half done', name_key: 'half done', created_at: at, updated_at: at, updated_by: 'x' }).execute();
            await db.updateTable('tenants').set({ name: 'Changed by 9999' }).execute();
            throw new Error('migration 9999 failed on purpose');
          },
        },
      }),
    };
    const failed = await open(dataDir, withFailing).then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(failed?.message).toContain('migration 9999 failed on purpose');
    if (TEST_STORE === 'postgres') {
      expect(failed).toBeInstanceOf(StoreUnavailableError);
      expect(failed?.message).toMatch(/^Could not migrate the PostgreSQL database at [\w.-]+:\d+\/tcc_t_\w+: migration 9999 failed on purpose\. Nothing was changed/);
    }
    expect(await snapshot(dataDir)).toEqual(before);

    // The app's own migrations still open it, with the data intact.
    const again = await open(dataDir);
    const tenant = await again.getTenant('t1', 'u1');
    await again.close();
    expect(tenant).toMatchObject({ name: 'Before the failure', role: 'admin' });
  });
});
