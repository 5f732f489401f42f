import { sql, type Kysely } from 'kysely';
import { onPostgres } from './dialect.js';

/**
 * The connection list's search off an index, and its expiry-descending sort off one on PostgreSQL (issue "Lists that
 * cost O(page)"). Search is a case-insensitive substring of the display name, subaccount ID or S/4HANA host; a
 * substring index is a trigram index, so it serves terms of 3 characters or more (the store scans for shorter ones).
 *
 * - SQLite: an FTS5 table with the trigram tokenizer (SQLite 3.34+, bundled by better-sqlite3) over those three
 *   columns, external content keyed by the connection's rowid, kept by triggers in the writing transaction. A rebuild
 *   of the connections table, or a VACUUM (which may renumber rowids of a table without an INTEGER PRIMARY KEY), must
 *   be followed by `insert into connections_search(connections_search) values ('rebuild')`.
 * - PostgreSQL: pg_trgm GIN indexes on the lowered columns, used by the store's `lower(column) like '%term%'` as it
 *   is. pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it. A managed server that does
 *   not let the app create it (PostgreSQL on SAP BTP, hyperscaler option, activates extensions through its extension
 *   API) gets no trigram index here and searches by scanning the tenant's connections, as before; the README says how
 *   to add it later.
 * - PostgreSQL sorts NULLs first in a descending index scan; the list sorts by expiry descending with NULLs last, so
 *   that order gets an index of its own, declared in that order (SQLite sorts NULLs lowest: descending puts them last).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (onPostgres(db)) return upOnPostgres(db);
  await sql`create virtual table connections_search using fts5(display_name, subaccount_id, s4_ui_host, content = 'connections', content_rowid = 'rowid', tokenize = 'trigram')`.execute(db);
  const remove = sql`insert into connections_search (connections_search, rowid, display_name, subaccount_id, s4_ui_host) values ('delete', old.rowid, old.display_name, old.subaccount_id, old.s4_ui_host)`;
  const add = sql`insert into connections_search (rowid, display_name, subaccount_id, s4_ui_host) values (new.rowid, new.display_name, new.subaccount_id, new.s4_ui_host)`;
  await sql`create trigger connections_search_insert after insert on connections begin ${add}; end`.execute(db);
  await sql`create trigger connections_search_delete after delete on connections begin ${remove}; end`.execute(db);
  await sql`create trigger connections_search_update after update of display_name, subaccount_id, s4_ui_host on connections begin ${remove}; ${add}; end`.execute(db);
  await sql`insert into connections_search (connections_search) values ('rebuild')`.execute(db);
}

async function upOnPostgres(db: Kysely<any>): Promise<void> {
  await sql`create index connections_by_tenant_certificate_desc on connections (tenant_id, certificate_not_after desc nulls last, display_name_key, id)`.execute(db);
  // In a savepoint: a refused CREATE EXTENSION must not abort the migration's transaction.
  await sql`savepoint trigram`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
  } catch {
    await sql`rollback to savepoint trigram`.execute(db);
  }
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_extension where extname = 'pg_trgm'`.execute(db);
  if (rows[0]?.n !== 1) return;
  for (const column of ['display_name', 'subaccount_id', 's4_ui_host']) {
    await sql`create index ${sql.id(`connections_search_${column}`)} on connections using gin (lower(${sql.ref(column)}) gin_trgm_ops)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (onPostgres(db)) {
    for (const name of ['connections_search_display_name', 'connections_search_subaccount_id', 'connections_search_s4_ui_host', 'connections_by_tenant_certificate_desc']) {
      await sql`drop index if exists ${sql.id(name)}`.execute(db);
    }
    return;
  }
  for (const name of ['connections_search_insert', 'connections_search_delete', 'connections_search_update']) await sql`drop trigger ${sql.id(name)}`.execute(db);
  await sql`drop table connections_search`.execute(db);
}
