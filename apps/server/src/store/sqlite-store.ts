import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import { createKyselyStore } from './kysely-store.js';
import { migrationProvider } from './migrations/index.js';
import { withStatementCache } from './sqlite-statement-cache.js';
import type { Database } from './schema.js';
import type { DuplicateError, Store } from './types.js';

export const SQLITE_FILE_NAME = 'task-center-connect.sqlite';

/** better-sqlite3 reports "UNIQUE constraint failed: connections.tenant_id, connections.display_name_key". */
function duplicateOf(error: unknown): DuplicateError['constraint'] | null {
  if (!(error instanceof Error) || (error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') return null;
  if (error.message.includes('tenants.name_key')) return 'tenant-name';
  if (error.message.includes('display_name_key')) return 'connection-name';
  if (error.message.includes('subaccount_id')) return 'connection-pair';
  return null;
}

/**
 * Each migration in a transaction of its own, so one that fails leaves nothing half-done: SQLite's DDL is
 * transactional, but Kysely's Migrator runs SQLite migrations without a transaction (its SqliteAdapter reports no
 * transactional DDL). A migration that must run outside one exports `ownTransaction = true` (0008: SQLite ignores
 * `pragma foreign_keys` inside a transaction).
 */
export function inTransactions(provider: MigrationProvider): MigrationProvider {
  const wrap = (migration: Migration): Migration =>
    (migration as { ownTransaction?: boolean }).ownTransaction
      ? migration
      : {
          up: (db) => db.transaction().execute((trx) => migration.up(trx)),
          ...(migration.down ? { down: (db: Kysely<any>) => db.transaction().execute((trx) => migration.down!(trx)) } : {}),
        };
  return { getMigrations: async () => Object.fromEntries(Object.entries(await provider.getMigrations()).map(([name, migration]) => [name, wrap(migration)])) };
}

/** Opens (creating on first start) the embedded store in `dataDir` and brings its schema up to date. */
export async function createSqliteStore(
  dataDir: string,
  /** Tests only: the migrations to apply (the app always applies migrations/index.ts). */
  { migrations = migrationProvider }: { migrations?: MigrationProvider } = {},
): Promise<Store> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const database = new SqliteDatabase(path.join(dataDir, SQLITE_FILE_NAME));
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  const { error } = await new Migrator({ db, provider: inTransactions(migrations) }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw new Error(`Could not migrate the database in ${dataDir}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return createKyselyStore(db, { kind: 'sqlite', duplicateOf });
}
