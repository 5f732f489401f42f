import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Whether a migration runs on PostgreSQL. Migrations are written once for both databases with the schema builder; the
 * few things the two spell differently (an auto-numbered key, SQLite's table rebuild) ask this.
 */
export const onPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
