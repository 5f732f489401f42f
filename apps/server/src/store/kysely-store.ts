import { sql, type Expression, type Kysely, type OrderByItemBuilder, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import { type EnteredValues, type TenantRole } from '@tcc/shared';
import { createKyselyAuditStore } from './audit-store.js';
import { createKyselyAutomationStore } from './automation-store.js';
import { createKyselyHealthStore, HEALTH_RANKS, type HealthRecord } from './health-store.js';
import { createKyselyAlertStore } from './alert-store.js';
import { createKyselyAuthStore } from './kysely-auth-store.js';
import { lastTestOf } from './last-test.js';
import { moveTenantCounts, recountConnection } from './tenant-counts.js';
import type { Database } from './schema.js';
import {
  DuplicateError,
  type CertificateRecord,
  type ChangeOutcome,
  type ConnectionAggregate,
  type ConnectionListRecord,
  type ConnectionRecord,
  type SecretKind,
  type SecretRecord,
  type Store,
  type StepRecord,
  type TenantRecord,
} from './types.js';

export interface DialectTraits {
  kind: Store['kind'];
  /** Maps a driver's unique-violation error to the constraint it names, or null for any other error. */
  duplicateOf(error: unknown): DuplicateError['constraint'] | null;
}


/**
 * `lower(column) like pattern`, with LIKE wildcards in the search text taken literally. The escape character is `!`,
 * not a backslash: `'\\'` reads differently on PostgreSQL depending on standard_conforming_strings, `'!'` the same everywhere.
 */
function containsText(column: Expression<string>, text: string): Expression<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
  return sql<SqlBool>`lower(${column}) like ${pattern} escape '!'`;
}

/** Trigrams: a shorter term has none, so no trigram index can narrow it (the search then scans the tenant's rows). */
export const SEARCH_INDEX_MIN_LENGTH = 3;

/**
 * SQLite's trigram table holds every tenant's connections, so its candidates for a common term ("s4hana") are the
 * whole database's: worth reading only for a tenant large enough that scanning its own rows costs more. Below this
 * many connections the tenant's index and a LIKE over its rows are the cheaper read.
 */
export const SEARCH_INDEX_MIN_CONNECTIONS = 500;

/** An FTS5 phrase: the text taken literally (double quotes doubled); with the trigram tokenizer, a substring. */
const searchPhrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

type ConnectionRow = Selectable<Database['connections']> & { automated: number | boolean | null };

/** Whether an assisted-setup run of the outer connection `c` has succeeded. */
const automatedFlag = sql<number>`(select count(*) from automation_runs r where r.connection_id = c.id and r.status in ('succeeded', 'manual'))`;

const toConnection = (row: ConnectionRow): ConnectionRecord => ({
  id: row.id,
  tenantId: row.tenant_id,
  displayName: row.display_name,
  subaccountId: row.subaccount_id,
  landscapeDomain: row.landscape_domain,
  s4UiHost: row.s4_ui_host,
  s4ApiHost: row.s4_api_host,
  s4Client: row.s4_client,
  sandbox: Boolean(row.is_sandbox),
  automated: Number(row.automated ?? 0) > 0,
  lastTest: lastTestOf(row.last_test_json),
  version: Number(row.version),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});


const toTenant = (
  row: Selectable<Database['tenants']> & { role: TenantRole },
): TenantRecord => ({
  role: row.role,
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
  connectionCount: Number(row.connection_count ?? 0),
  workingCount: Number(row.working_count ?? 0),
  attentionCount: Number(row.attention_count ?? 0),
  healthyCount: Number(row.healthy_count ?? 0),
  warningCount: Number(row.warning_count ?? 0),
  brokenCount: Number(row.broken_count ?? 0),
  // Never healthy by default: a connection not checked yet counts as unknown.
  unknownCount: Number(row.connection_count ?? 0) - Number(row.healthy_count ?? 0) - Number(row.warning_count ?? 0) - Number(row.broken_count ?? 0),
});

/** The health columns of a left join on connection_health as h (all null: not scheduled yet). */
type HealthColumns = {
  health_state: string | null;
  health_since: string | null;
  health_findings_json: string | null;
  health_last_check_at: string | null;
  health_next_check_at: string | null;
  health_consecutive_failures: number | null;
  health_certificate_not_after: string | null;
  health_certificate_threshold: number | null;
};

const toHealthRecord = (row: HealthColumns): HealthRecord | null =>
  row.health_state === null || row.health_next_check_at === null
    ? null
    : {
        state: row.health_state as HealthRecord['state'],
        since: row.health_since,
        findings: JSON.parse(row.health_findings_json ?? '[]') as HealthRecord['findings'],
        lastCheckAt: row.health_last_check_at,
        nextCheckAt: row.health_next_check_at,
        consecutiveFailures: Number(row.health_consecutive_failures ?? 0),
        certificateNotAfter: row.health_certificate_not_after,
        certificateThreshold: row.health_certificate_threshold === null ? null : Number(row.health_certificate_threshold),
      };


const flip = (order: 'asc' | 'desc') => (order === 'asc' ? 'desc' : 'asc');

/**
 * Page `page` as a LIMIT/OFFSET counted from whichever end of the `total` rows is nearer (`reversed`: read in the
 * opposite order, then turned round), so the last page costs what the first does. Null: the page is past the end.
 */
export function pageWindow(total: number, page: number, pageSize: number): { limit: number; offset: number; reversed: boolean } | null {
  const offset = (page - 1) * pageSize;
  if (offset >= total) return null;
  const limit = Math.min(pageSize, total - offset);
  const fromEnd = total - offset - limit;
  return fromEnd < offset ? { limit, offset: fromEnd, reversed: true } : { limit, offset, reversed: false };
}

/**
 * The step summaries kept on the connection row (0014), recomputed from its steps in the change's transaction.
 * `connectionId`: an ID, or a reference such as sql.ref('connections.id') to update many rows at once.
 */
export const stepSummaries = (connectionId: string | RawBuilder<unknown>) => {
  const steps = (where: RawBuilder<unknown>) => sql<number>`(select count(*) from step_progress s where s.connection_id = ${connectionId} and ${where})`;
  return {
    finished_count: steps(sql`s.status in ('done', 'skipped')`),
    failed_count: steps(sql`s.status = 'failed'`),
    touched_count: steps(sql`s.status <> 'not_started'`),
    last_step_change_at: sql<string | null>`(select max(s.updated_at) from step_progress s where s.connection_id = ${connectionId})`,
    first_failed_step: sql<number | null>`(select min(s.step_id) from step_progress s where s.connection_id = ${connectionId} and s.status = 'failed')`,
    first_failed_note: sql<string | null>`(select s.note from step_progress s where s.connection_id = ${connectionId} and s.status = 'failed' order by s.step_id limit 1)`,
  };
};

const toSecret = (row: Database['connection_secrets']): SecretRecord => ({
  kind: row.kind as SecretKind,
  ciphertext: row.ciphertext,
  meta: JSON.parse(row.meta_json) as Record<string, string>,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});

const toCertificate = (row: Database['trust_certificates']): CertificateRecord => ({
  fileName: row.file_name,
  pem: row.pem,
  subject: row.subject,
  cn: row.cn,
  issuer: row.issuer,
  fingerprintSha256: row.fingerprint_sha256,
  serialNumber: row.serial_number,
  notBefore: row.not_before,
  notAfter: row.not_after,
  keyType: row.key_type,
  keySize: row.key_size === null ? null : Number(row.key_size),
  selfSigned: Boolean(row.self_signed),
  uploadedAt: row.uploaded_at,
  uploadedBy: row.uploaded_by,
});

/** One implementation for every dialect Kysely speaks; only `traits` differ between SQLite and PostgreSQL. */
export function createKyselyStore(db: Kysely<Database>, traits: DialectTraits): Store {
  const rethrowDuplicate = (error: unknown): never => {
    const constraint = traits.duplicateOf(error);
    throw constraint ? new DuplicateError(constraint) : error;
  };

  /*
   * Lists at scale (migrations 0014-0016): a page is read in two steps. First the page's IDs, from the indexed sort
   * columns only (step summaries, certificate expiry and health rank are maintained on the connection row, not counted
   * per row), as a LIMIT/OFFSET from whichever end of the list is nearer; then the page's rows for those IDs alone, by
   * primary key (the connection list does both in one statement, the IDs as a subquery). A tenant's counts are maintained on its row (tenant-counts.ts), never counted per request.
   */
  /** Tenants `tenantIds` in that order, as `userId` sees them (with their role); a non-member finds nothing. */
  const tenantRows = async (tenantIds: string[], userId: string): Promise<TenantRecord[]> => {
    if (tenantIds.length === 0) return [];
    const rows = await db
      .selectFrom('tenants as t')
      .innerJoin('memberships as m', (join) => join.onRef('m.tenant_id', '=', 't.id').on('m.user_id', '=', userId))
      .where('t.id', 'in', tenantIds)
      .selectAll('t')
      .select('m.role')
      .execute();
    const byId = new Map(rows.map((row) => [row.id, toTenant(row)]));
    return tenantIds.flatMap((id) => byId.get(id) ?? []);
  };

  const healthStore = createKyselyHealthStore(db);

  const outcomeWhenNothingChanged = async (tenantId: string, connectionId: string): Promise<ChangeOutcome> => {
    const exists = await db.selectFrom('connections').select('id').where('id', '=', connectionId).where('tenant_id', '=', tenantId).executeTakeFirst();
    return exists ? 'stale' : 'missing';
  };

  return {
    ...createKyselyAuthStore(db),
    ...createKyselyAuditStore(db),
    ...createKyselyAutomationStore(db),
    ...healthStore,
    ...createKyselyAlertStore(db),
    kind: traits.kind,

    async ping() {
      await sql`select 1`.execute(db);
    },

    async close() {
      await db.destroy();
    },

    async listTenants(userId, { q, sort, order, page, pageSize }) {
      let base = db
        .selectFrom('tenants as t')
        .where((eb) => eb.exists(eb.selectFrom('memberships as mm').whereRef('mm.tenant_id', '=', 't.id').where('mm.user_id', '=', userId).select('mm.user_id')));
      if (q) base = base.where((eb) => containsText(eb.ref('t.name'), q));
      // Count only the caller's tenants: without a search that is their memberships (index memberships_by_user).
      const { total } = q
        ? await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
        : await db.selectFrom('memberships').where('user_id', '=', userId).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
      const window = pageWindow(Number(total), page, pageSize);
      if (!window) return { total: Number(total), rows: [] };
      const direction = window.reversed ? flip(order) : order;
      // tenants.name_key (unique) and tenants_by_updated (0014) give this order, so the page is read off an index.
      const ids = await base
        .select('t.id')
        .orderBy(sort === 'name' ? 't.name_key' : 't.updated_at', direction)
        .orderBy('t.id', window.reversed ? 'desc' : 'asc')
        .limit(window.limit)
        .offset(window.offset)
        .execute();
      if (window.reversed) ids.reverse();
      return { total: Number(total), rows: await tenantRows(ids.map((row) => row.id), userId) };
    },

    async getTenant(tenantId, userId) {
      return (await tenantRows([tenantId], userId))[0];
    },

    async createTenant({ id, name }, creatorId, { at, by }) {
      await db
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('tenants').values({ id, name, name_key: name.toLowerCase(), created_at: at, updated_at: at, updated_by: by }).execute();
          await trx.insertInto('memberships').values({ tenant_id: id, user_id: creatorId, role: 'admin' }).execute();
        })
        .catch(rethrowDuplicate);
    },

    async renameTenant(tenantId, name, { at, by }) {
      const result = await db
        .updateTable('tenants')
        .set({ name, name_key: name.toLowerCase(), updated_at: at, updated_by: by })
        .where('id', '=', tenantId)
        .executeTakeFirst()
        .catch(rethrowDuplicate);
      return Number(result.numUpdatedRows) > 0;
    },

    async deleteTenant(tenantId) {
      const result = await db.deleteFrom('tenants').where('id', '=', tenantId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async listConnections(tenantId, { q, sort, order, page, pageSize, needsAttention }) {
      const connectionCount = async (id: string) =>
        Number((await db.selectFrom('tenants').where('id', '=', id).select('connection_count').executeTakeFirst())?.connection_count ?? 0);
      // On SQLite a term of 3 characters or more is read from the trigram index's candidates (0017); the LIKE below
      // decides, as for shorter terms, which no trigram index can serve. `+tenant_id` keeps SQLite (no ANALYZE
      // statistics) from walking the tenant's index instead. PostgreSQL's planner uses 0017's pg_trgm indexes by itself.
      const indexedTerm =
        traits.kind === 'sqlite' && q && [...q].length >= SEARCH_INDEX_MIN_LENGTH && (await connectionCount(tenantId)) >= SEARCH_INDEX_MIN_CONNECTIONS ? q : null;
      let base = indexedTerm !== null
        ? db
            .selectFrom('connections as c')
            .where(sql<SqlBool>`+c.tenant_id = ${tenantId}`)
            .where(sql<SqlBool>`c.rowid in (select rowid from connections_search where connections_search match ${searchPhrase(indexedTerm)})`)
        : db.selectFrom('connections as c').where('c.tenant_id', '=', tenantId);
      if (needsAttention) base = base.where('c.health_rank', 'in', [HEALTH_RANKS.broken, HEALTH_RANKS.warning]);
      if (q) {
        base = base.where((eb) =>
          eb.or([containsText(eb.ref('c.display_name'), q), containsText(eb.ref('c.subaccount_id'), q), containsText(eb.ref('c.s4_ui_host'), q)]),
        );
      }
      // Unfiltered, the count is the tenant's maintained connection_count (0016); filtered, an index count.
      const total = q || needsAttention ? (await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()).total : await connectionCount(tenantId);
      const window = pageWindow(Number(total), page, pageSize);
      if (!window) return { total: Number(total), rows: [] };
      // Each key has an index (tenant_id, key, display_name_key, id): 0001, 0014 and 0015.
      const sortKey = {
        displayName: sql.ref('c.display_name_key'),
        updatedAt: sql.ref('c.updated_at'),
        progress: sql.ref('c.finished_count'),
        certificateNotAfter: sql.ref('c.certificate_not_after'),
        health: sql.ref('c.health_rank'),
      }[sort];
      /** The list's order, or (`reversed`) its opposite, for reading the page from the end. */
      const orderOf = (reversed: boolean) => ({
        key: (ob: OrderByItemBuilder) => {
          const ordered = (reversed ? flip(order) : order) === 'asc' ? ob.asc() : ob.desc();
          // Only the expiry can be null; nulls stay last whichever the order (first when read from the end).
          if (sort !== 'certificateNotAfter') return ordered;
          return reversed ? ordered.nullsFirst() : ordered.nullsLast();
        },
        tieBreak: reversed ? ('desc' as const) : ('asc' as const),
      });
      const inner = orderOf(window.reversed);
      let pageIds = base.select('c.id').orderBy(sortKey, inner.key);
      if (sort !== 'displayName') pageIds = pageIds.orderBy('c.display_name_key', inner.tieBreak);
      // One statement: the page's IDs off the sort's index in a subquery, then their rows by primary key (the select list,
      // with its per-row subquery and join, is computed for those rows only), in the list's own order.
      const outer = orderOf(false);
      let rowsQuery = db
        .selectFrom('connections as c')
        .leftJoin('connection_health as h', 'h.connection_id', 'c.id')
        .where('c.id', 'in', pageIds.orderBy('c.id', inner.tieBreak).limit(window.limit).offset(window.offset))
        .selectAll('c')
        .select(automatedFlag.as('automated'))
        .select([
          'h.state as health_state',
          'h.since as health_since',
          'h.findings_json as health_findings_json',
          'h.last_check_at as health_last_check_at',
          'h.next_check_at as health_next_check_at',
          'h.consecutive_failures as health_consecutive_failures',
          'h.certificate_not_after as health_certificate_not_after',
          'h.certificate_threshold as health_certificate_threshold',
        ])
        .orderBy(sortKey, outer.key);
      if (sort !== 'displayName') rowsQuery = rowsQuery.orderBy('c.display_name_key', outer.tieBreak);
      const rows = await rowsQuery.orderBy('c.id', outer.tieBreak).execute();
      return {
        total: Number(total),
        rows: rows.map((row): ConnectionListRecord => ({
          ...toConnection(row),
          finishedCount: Number(row.finished_count ?? 0),
          failedCount: Number(row.failed_count ?? 0),
          touchedCount: Number(row.touched_count ?? 0),
          certificateNotAfter: row.certificate_not_after ?? null,
          lastStepChangeAt: row.last_step_change_at ?? null,
          firstFailedStep: row.first_failed_step === null ? null : { stepId: Number(row.first_failed_step), note: row.first_failed_note ?? null },
          health: toHealthRecord(row),
        })),
      };
    },

    async getConnection(tenantId, connectionId): Promise<ConnectionAggregate | undefined> {
      const row = await db
        .selectFrom('connections as c')
        .selectAll('c')
        .select(automatedFlag.as('automated'))
        .where('c.id', '=', connectionId)
        .where('c.tenant_id', '=', tenantId)
        .executeTakeFirst();
      if (!row) return undefined;
      const [steps, certificate, health] = await Promise.all([
        // In step order on both databases (PostgreSQL returns rows in no particular order without ORDER BY).
        db.selectFrom('step_progress').selectAll().where('connection_id', '=', connectionId).where('tenant_id', '=', tenantId).orderBy('step_id').execute(),
        db.selectFrom('trust_certificates').selectAll().where('connection_id', '=', connectionId).where('tenant_id', '=', tenantId).executeTakeFirst(),
        healthStore.getHealth(tenantId, connectionId),
      ]);
      return {
        connection: toConnection(row),
        steps: steps.map(
          (step): StepRecord => ({
            stepId: Number(step.step_id),
            status: step.status,
            values: JSON.parse(step.values_json) as EnteredValues,
            note: step.note,
            updatedAt: step.updated_at,
            updatedBy: step.updated_by,
          }),
        ),
        certificate: certificate ? toCertificate(certificate) : null,
        health: health ?? null,
      };
    },

    async createConnection(tenantId, connection, { at, by }) {
      await db
        .transaction()
        .execute(async (trx) => {
          // Counted as neither working nor needing attention, health unknown: only the tenant's connection count moves.
          await moveTenantCounts(trx, tenantId, { connections: 1, working: 0, attention: 0, fromRank: null, toRank: null });
          await trx
            .insertInto('connections')
            .values({
              id: connection.id,
              tenant_id: tenantId,
              display_name: connection.displayName,
              display_name_key: connection.displayName.toLowerCase(),
              subaccount_id: connection.subaccountId,
              landscape_domain: connection.landscapeDomain,
              s4_ui_host: connection.s4UiHost,
              s4_api_host: connection.s4ApiHost,
              s4_client: connection.s4Client,
              is_sandbox: connection.sandbox ? 1 : 0,
              version: 1,
              created_at: at,
              updated_at: at,
              updated_by: by,
            })
            .execute();
        })
        .catch(rethrowDuplicate);
    },

    async changeConnection(tenantId, connectionId, expectedVersion, change, { at, by }) {
      return db
        .transaction()
        .execute(async (trx): Promise<ChangeOutcome> => {
          const updated = await trx
            .updateTable('connections')
            .set((eb) => ({
              version: eb('version', '+', 1),
              updated_at: at,
              updated_by: by,
              ...(change.displayName === undefined
                ? {}
                : { display_name: change.displayName, display_name_key: change.displayName.toLowerCase() }),
            }))
            .where('id', '=', connectionId)
            .where('tenant_id', '=', tenantId)
            .where('version', '=', expectedVersion)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) === 0) return 'stale';
          for (const step of change.steps ?? []) {
            const row = {
              status: step.status,
              values_json: JSON.stringify(step.values),
              note: step.note,
              updated_at: step.updatedAt,
              updated_by: step.updatedBy,
            };
            await trx
              .insertInto('step_progress')
              .values({ connection_id: connectionId, tenant_id: tenantId, step_id: step.stepId, ...row })
              .onConflict((oc) => oc.columns(['connection_id', 'step_id']).doUpdateSet(row))
              .execute();
          }
          if (change.certificate) {
            const c = change.certificate;
            const row = {
              file_name: c.fileName,
              pem: c.pem,
              subject: c.subject,
              cn: c.cn,
              issuer: c.issuer,
              fingerprint_sha256: c.fingerprintSha256,
              serial_number: c.serialNumber,
              not_before: c.notBefore,
              not_after: c.notAfter,
              key_type: c.keyType,
              key_size: c.keySize,
              self_signed: c.selfSigned ? 1 : 0,
              uploaded_at: c.uploadedAt,
              uploaded_by: c.uploadedBy,
            };
            await trx
              .insertInto('trust_certificates')
              .values({ connection_id: connectionId, tenant_id: tenantId, ...row })
              .onConflict((oc) => oc.column('connection_id').doUpdateSet(row))
              .execute();
          }
          if ((change.steps?.length ?? 0) > 0 || change.certificate) {
            await trx
              .updateTable('connections')
              .set({ ...(change.steps?.length ? stepSummaries(connectionId) : {}), ...(change.certificate ? { certificate_not_after: change.certificate.notAfter } : {}) })
              .where('id', '=', connectionId)
              .execute();
          }
          if ((change.steps?.length ?? 0) > 0) await recountConnection(trx, connectionId);
          for (const secret of change.secrets ?? []) {
            const row = { ciphertext: secret.ciphertext, meta_json: JSON.stringify(secret.meta), updated_at: secret.updatedAt, updated_by: secret.updatedBy };
            await trx
              .insertInto('connection_secrets')
              .values({ connection_id: connectionId, tenant_id: tenantId, kind: secret.kind, ...row })
              .onConflict((oc) => oc.columns(['connection_id', 'kind']).doUpdateSet(row))
              .execute();
          }
          return 'changed';
        })
        .catch(rethrowDuplicate)
        .then(async (outcome) => (outcome === 'stale' ? outcomeWhenNothingChanged(tenantId, connectionId) : outcome));
    },

    async getSecrets(tenantId, connectionId) {
      const rows = await db.selectFrom('connection_secrets').selectAll().where('tenant_id', '=', tenantId).where('connection_id', '=', connectionId).execute();
      return rows.map(toSecret);
    },

    async allSecrets() {
      const rows = await db.selectFrom('connection_secrets').selectAll().execute();
      return rows.map((row) => ({ ...toSecret(row), connectionId: row.connection_id }));
    },

    async markSecretRefused(tenantId, connectionId, kind, updatedAt, refusedAt) {
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('connection_secrets')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('connection_id', '=', connectionId)
          .where('kind', '=', kind)
          .where('updated_at', '=', updatedAt)
          .executeTakeFirst();
        if (!row) return;
        const meta = { ...(JSON.parse(row.meta_json) as Record<string, string>), refusedAt };
        // Compare-and-set on updated_at too: a password saved between the read and this write is never marked.
        await trx
          .updateTable('connection_secrets')
          .set({ meta_json: JSON.stringify(meta) })
          .where('tenant_id', '=', tenantId)
          .where('connection_id', '=', connectionId)
          .where('kind', '=', kind)
          .where('updated_at', '=', updatedAt)
          .execute();
      });
    },

    async replaceCiphertext(connectionId, kind, ciphertext) {
      await db.updateTable('connection_secrets').set({ ciphertext }).where('connection_id', '=', connectionId).where('kind', '=', kind).execute();
    },

    async hasSandboxConnection() {
      const row = await db.selectFrom('connections').select('id').where('is_sandbox', '=', 1).limit(1).executeTakeFirst();
      return row !== undefined;
    },

    async deleteConnection(tenantId, connectionId, expectedVersion) {
      const deleted = await db.transaction().execute(async (trx) => {
        // RETURNING gives what the row was counted as when it went, so the tenant's counts lose exactly that.
        const row = await trx
          .deleteFrom('connections')
          .where('id', '=', connectionId)
          .where('tenant_id', '=', tenantId)
          .where('version', '=', expectedVersion)
          .returning(['counted_working', 'counted_attention', 'counted_rank'])
          .executeTakeFirst();
        if (row) {
          await moveTenantCounts(trx, tenantId, { connections: -1, working: -Number(row.counted_working), attention: -Number(row.counted_attention), fromRank: Number(row.counted_rank), toRank: null });
        }
        return row !== undefined;
      });
      if (deleted) return 'changed';
      return outcomeWhenNothingChanged(tenantId, connectionId);
    },
  };
}
