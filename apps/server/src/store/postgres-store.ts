import { Kysely, Migrator, PostgresDialect, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { createKyselyStore } from './kysely-store.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import type { DuplicateError, Store } from './types.js';

/** How long a connection attempt may take before start-up gives up (a firewall that drops packets never refuses). */
const CONNECT_TIMEOUT_MS = 10_000;

/** The store could not be opened: `message` is one line naming the server and what to check (no password, no stack). */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/**
 * PostgreSQL names the violated constraint (error field `constraint`, SQLSTATE 23505). The names are PostgreSQL's
 * defaults for the column constraint `tenants.name_key unique` and the named constraints of migration 0001.
 */
function duplicateOf(error: unknown): DuplicateError['constraint'] | null {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  if (code !== '23505' || typeof constraint !== 'string') return null;
  if (constraint === 'tenants_name_key_key') return 'tenant-name';
  if (constraint === 'connections_name_per_tenant') return 'connection-name';
  if (constraint === 'connections_pair_per_tenant') return 'connection-pair';
  return null;
}

/** `host:port/database` of a DATABASE_URL, for messages: never the user or password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.searchParams.get('host') ?? (decodeURIComponent(parsed.hostname) || 'localhost');
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(the user name)';
    return `${host}:${parsed.port || '5432'}/${database}`;
  } catch {
    return '(an unreadable DATABASE_URL)';
  }
}

/** What to check for the errors node-postgres and PostgreSQL give when a connection cannot be made. */
function connectionAdvice(error: unknown): string {
  const { code, message = '' } = (error ?? {}) as { code?: string; message?: string };
  const firstLine = String(message).split('\n')[0]!;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused — check that PostgreSQL is running and listens on that host and port';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve — check the host in DATABASE_URL';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route or no answer (${code}) — check the host, the port and any firewall in between`;
    case 'ECONNRESET':
      return 'the server closed the connection — check the port and whether the server requires TLS (?sslmode=verify-full)';
    case '3D000':
      return `${firstLine} — create the database or fix its name in DATABASE_URL`;
    case '28P01':
      return 'password authentication failed — check the user and password in DATABASE_URL';
    case '28000':
      return `${firstLine} — check the user, and whether the server requires TLS (?sslmode=verify-full) or lists this client in pg_hba.conf`;
    case '53300':
      return 'the server has too many connections — try again later or raise max_connections';
    case '57P03':
      return 'the server is starting up or shutting down — try again shortly';
  }
  if (/timeout/i.test(firstLine)) return `no answer within ${CONNECT_TIMEOUT_MS / 1000} s — check the host, the port and any firewall in between`;
  if (/ssl|tls|certificate/i.test(`${code ?? ''} ${firstLine}`)) {
    return `TLS failed (${code ?? firstLine}) — check sslmode and, for a private CA, sslrootcert=<CA file> in DATABASE_URL`;
  }
  return `${code ? `${code}: ` : ''}${firstLine} — check DATABASE_URL`;
}

/**
 * Opens the PostgreSQL store at `url` and brings its schema up to date with the same migrations as SQLite. Kysely's
 * Migrator runs all pending migrations in one transaction on PostgreSQL (transactional DDL, under an advisory lock, so
 * several instances starting at once migrate once): a migration that fails leaves the database as it was.
 * Throws StoreUnavailableError when the server cannot be reached or the migrations fail.
 */
export async function createPostgresStore(
  url: string,
  {
    onPoolError,
    migrations = migrationProvider,
  }: {
    onPoolError?: (error: Error) => void;
    /** Tests only: the migrations to apply (the app always applies migrations/index.ts). */
    migrations?: MigrationProvider;
  } = {},
): Promise<Store> {
  const where = describeDatabaseUrl(url);
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, max: 10, application_name: 'task-center-connect' });
  // An idle client losing its server (a restart, a failover) is reported, never an unhandled 'error' event.
  pool.on('error', (error) => onPoolError?.(error));
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new StoreUnavailableError(`Cannot connect to PostgreSQL at ${where} (DATABASE_URL): ${connectionAdvice(error)}.`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const { error } = await new Migrator({ db, provider: migrations }).migrateToLatest();
  if (error) {
    await db.destroy();
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new StoreUnavailableError(`Could not migrate the PostgreSQL database at ${where}: ${message}. Nothing was changed: the pending migrations ran in one transaction.`);
  }
  return createKyselyStore(db, { kind: 'postgres', duplicateOf });
}
