import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { createKyselyStore } from './kysely-store.js';
import { migrationProvider } from './migrations/index.js';
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

/** Opens (creating on first start) the embedded store in `dataDir` and brings its schema up to date. */
export async function createSqliteStore(dataDir: string): Promise<Store> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const database = new SqliteDatabase(path.join(dataDir, SQLITE_FILE_NAME));
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw new Error(`Could not migrate the database in ${dataDir}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return createKyselyStore(db, { kind: 'sqlite', duplicateOf });
}
