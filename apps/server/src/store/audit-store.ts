import type { AuditEvent, AuditQuery } from '@tcc/shared';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'tenantId'> & { tenantId: string };

/** Entries a system admin sees: system-wide ones (no tenant), the creation and deletion of tenants, and deleted tenants' entries. */
export const SYSTEM_AUDIT = { tenantId: '', actions: ['createTenant', 'deleteTenant'] } as const;

/** Append and read only: there is deliberately no way to change or remove an entry. */
export interface AuditStore {
  appendAudit(event: NewAuditEvent): Promise<void>;
  /** `tenantId` SYSTEM_AUDIT lists the system-wide view. */
  listAudit(tenantId: string | typeof SYSTEM_AUDIT, query: Omit<AuditQuery, 'page' | 'pageSize'>, page: { limit: number; offset: number }): Promise<{ rows: AuditEvent[]; total: number }>;
}

export function createKyselyAuditStore(db: Kysely<Database>): AuditStore {
  return {
    async appendAudit({ tenantId, connectionId, ...event }) {
      await db.insertInto('audit_events').values({ ...event, tenant_id: tenantId, connection_id: connectionId }).execute();
    },
    async listAudit(tenantId, filters, { limit, offset }) {
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
      const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
      const rows = await base.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
      return {
        total: Number(total),
        rows: rows.map((r) => ({ id: Number(r.id), tenantId: r.tenant_id || null, at: r.at, actor: r.actor, action: r.action, connectionId: r.connection_id, object: r.object, result: r.result, detail: r.detail })),
      };
    },
  };
}
