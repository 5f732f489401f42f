import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll } from 'vitest';
import { createPostgresStore } from '../../src/store/postgres-store.js';
import type { Database } from '../../src/store/schema.js';
import { createSqliteStore, SQLITE_FILE_NAME } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/types.js';

/**
 * Which database the tests run on: `TEST_STORE=postgres` puts every test server on a fresh PostgreSQL database of its
 * own (the same one again when a test restarts a server on the same data directory); unset, the SQLite file in the
 * data directory, as in production without DATABASE_URL.
 */
export const TEST_STORE: 'sqlite' | 'postgres' = process.env.TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** The server test databases are made on (the test machines: PostgreSQL 15, trust auth, database `test`). */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Names start with this; `npm test` gives each run its own prefix and drops what a run left behind. */
const PREFIX = process.env.TEST_PG_DATABASE_PREFIX ?? 'tcc_t_';
/** The data directory remembers its database, so a restart on it finds the same data. */
const NAME_FILE = 'test-database-name';

const createdHere = new Set<string>();

const urlOf = (database: string) => {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
};

async function onAdminConnection<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Whether the PostgreSQL server of TEST_PG_ADMIN_URL answers (tests that need one are skipped, visibly, without it). */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** DATABASE_URL of the test database of `dataDir`, made (empty, migrated by the server at start) on first use. */
export async function testDatabaseUrl(dataDir: string): Promise<string> {
  const file = path.join(dataDir, NAME_FILE);
  if (fs.existsSync(file)) return urlOf(fs.readFileSync(file, 'utf8').trim());
  const name = `${PREFIX}${randomBytes(6).toString('hex')}`;
  // From template0 (nothing anyone added to template1 comes along), collation C: text sorts by code point, as SQLite's.
  await onAdminConnection(async (client) => {
    await client.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
    // A test database is thrown away: commits need not wait for the WAL to reach the disk (much of the pass's time).
    if (process.env.TEST_PG_SYNCHRONOUS_COMMIT !== 'on') await client.query(`alter database ${name} set synchronous_commit = off`);
  });
  createdHere.add(name);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, name);
  return urlOf(name);
}

/** What a server (in this process or spawned) on `dataDir` needs in its environment to use the test store. */
export async function testStoreEnv(dataDir: string): Promise<Record<string, string>> {
  return TEST_STORE === 'postgres' ? { DATABASE_URL: await testDatabaseUrl(dataDir) } : {};
}

/** The store of `dataDir` opened directly, as the server opens it (migrations included): for store-level tests. */
export async function openTestStore(dataDir: string): Promise<Store> {
  return TEST_STORE === 'postgres' ? createPostgresStore(await testDatabaseUrl(dataDir)) : createSqliteStore(dataDir);
}

/** Plain Kysely on the database of `dataDir` (no migrations run): for tests that must write what no API writes. */
export async function openTestKysely<DB = Database>(dataDir: string): Promise<Kysely<DB>> {
  if (TEST_STORE === 'postgres') return new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: await testDatabaseUrl(dataDir), max: 2 }) }) });
  fs.mkdirSync(dataDir, { recursive: true });
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: new SqliteDatabase(path.join(dataDir, SQLITE_FILE_NAME)) }) });
}

/**
 * Everything stored for `dataDir` as text, one string per file or table: the files in the data directory (except
 * `exclude`) and, on PostgreSQL, every row of every table. For tests that prove a secret is stored nowhere in clear.
 */
export async function storedTexts(dataDir: string, exclude: string[] = []): Promise<string[]> {
  const files = fs
    .readdirSync(dataDir)
    .filter((file) => !exclude.includes(file) && fs.statSync(path.join(dataDir, file)).isFile())
    .map((file) => fs.readFileSync(path.join(dataDir, file)).toString('latin1'));
  if (TEST_STORE !== 'postgres') return files;
  const client = new pg.Client({ connectionString: await testDatabaseUrl(dataDir) });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
    for (const { name } of tables.rows) {
      const dump = await client.query<{ text: string | null }>(`select string_agg(t::text, E'\\n') as text from "${name}" t`);
      files.push(`${name}\n${dump.rows[0]?.text ?? ''}`);
    }
  } finally {
    await client.end();
  }
  return files;
}

/** Drops the databases this test file made (WITH FORCE: a server a test left running loses its connections). */
export async function dropTestDatabases(): Promise<void> {
  const names = [...createdHere];
  createdHere.clear();
  if (names.length === 0) return;
  await onAdminConnection(async (client) => {
    for (const name of names) await client.query(`drop database if exists ${name} with (force)`);
  });
}

// After every other hook of the test file (hooks after tests run in reverse order; this module is imported first).
if (TEST_STORE === 'postgres') afterAll(dropTestDatabases, 60_000);
