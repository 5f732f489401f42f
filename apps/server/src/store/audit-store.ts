import type { AuditEvent, AuditQuery } from '@tcc/shared';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export type NewAuditEvent = Omit<AuditEvent, 'id'> & { tenantId: string };

/** Append and read only: there is deliberately no way to change or remove an entry. */
export interface AuditStore {
  appendAudit(event: NewAuditEvent): Promise<void>;
  listAudit(tenantId: string, query: Omit<AuditQuery, 'page' | 'pageSize'>, page: { limit: number; offset: number }): Promise<{ rows: AuditEvent[]; total: number }>;
}

export function createKyselyAuditStore(db: Kysely<Database>): AuditStore {
  return {
    async appendAudit({ tenantId, connectionId, ...event }) {
      await db.insertInto('audit_events').values({ ...event, tenant_id: tenantId, connection_id: connectionId }).execute();
    },
    async listAudit(tenantId, filters, { limit, offset }) {
      let base = db.selectFrom('audit_events').where('tenant_id', '=', tenantId);
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
        rows: rows.map((r) => ({ id: Number(r.id), at: r.at, actor: r.actor, action: r.action, connectionId: r.connection_id, object: r.object, result: r.result, detail: r.detail })),
      };
    },
  };
}
