import type { AuditEvent, AuditQuery } from '@tcc/shared';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'tenantId'> & { tenantId: string };

/** Entries a system admin sees: system-wide ones (no tenant), the creation and deletion of tenants, and deleted tenants' entries. */
export const SYSTEM_AUDIT = { tenantId: '', actions: ['createTenant', 'deleteTenant'] } as const;

/** How far past the page the audit log's entries are counted (the pager then offers that many more). */
export const AUDIT_COUNT_WINDOW = 1_000;

/** Append and read only: there is deliberately no way to change or remove an entry. */
export interface AuditStore {
  appendAudit(event: NewAuditEvent): Promise<void>;
  /** `tenantId` SYSTEM_AUDIT lists the system-wide view. */
  /**
   * Newest first. `total` counts at most AUDIT_COUNT_WINDOW entries past the page (`totalIsLowerBound` when there are
   * more): counting a long log in full on every page is what made it slow. `beforeId` reads by keyset (entries older
   * than that one) instead of an offset; `count: false` skips the count (the CSV export reads batch by batch).
   */
  listAudit(
    tenantId: string | typeof SYSTEM_AUDIT,
    query: Omit<AuditQuery, 'page' | 'pageSize'>,
    page: { limit: number; offset: number; beforeId?: number; count?: boolean },
  ): Promise<{ rows: AuditEvent[]; total: number; totalIsLowerBound: boolean }>;
}

export function createKyselyAuditStore(db: Kysely<Database>): AuditStore {
  return {
    async appendAudit({ tenantId, connectionId, ...event }) {
      await db.insertInto('audit_events').values({ ...event, tenant_id: tenantId, connection_id: connectionId }).execute();
    },
    async listAudit(tenantId, filters, { limit, offset, beforeId, count = true }) {
      let base =
        typeof tenantId === 'string'
          ? db.selectFrom('audit_events').where('tenant_id', '=', tenantId)
          : db.selectFrom('audit_events').where((eb) =>
              eb.or([
                eb('tenant_id', '=', tenantId.tenantId),
                eb('action', 'in', [...tenantId.actions]),
                // A deleted tenant's entries stay (append-only); only the system view can show them now.
                sql<boolean>`audit_events.tenant_id not in (select id from tenants)`,
              ]),
            );
      if (filters.actor) base = base.where('actor', '=', filters.actor);
      if (filters.action) base = base.where('action', '=', filters.action);
      if (filters.connectionId) base = base.where('connection_id', '=', filters.connectionId);
      if (filters.result) base = base.where('result', '=', filters.result);
      if (filters.from) base = base.where('at', '>=', filters.from);
      if (filters.to) base = base.where('at', '<=', filters.to);
      // Each filter has an index (tenant_id, column, id) from 0014, so the newest matching entries are read off it.
      let total = 0;
      let totalIsLowerBound = false;
      if (count) {
        const cap = offset + limit + AUDIT_COUNT_WINDOW;
        const counted = await db
          .selectFrom(base.select('id').limit(cap + 1).as('capped'))
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        totalIsLowerBound = Number(counted.n) > cap;
        total = Math.min(Number(counted.n), cap);
      }
      if (beforeId !== undefined) base = base.where('id', '<', beforeId);
      const rows = await base.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
      return {
        total,
        totalIsLowerBound,
        rows: rows.map((r) => ({ id: Number(r.id), tenantId: r.tenant_id || null, at: r.at, actor: r.actor, action: r.action, connectionId: r.connection_id, object: r.object, result: r.result, detail: r.detail })),
      };
    },
  };
}
