import type { AuditPage, AuditQuery } from '@tcc/shared';
import type { SYSTEM_AUDIT } from '../../store/audit-store.js';
import type { Store } from '../../store/types.js';

const CSV_COLUMNS = ['at', 'actor', 'action', 'connectionId', 'object', 'result', 'detail'] as const;
/** Entries per read of the CSV export: its memory is one batch, and the event loop is free between batches. */
const EXPORT_BATCH = 1_000;

/** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs an entry as a formula. */
function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function createAuditService({ store }: { store: Store }) {
  return {
    async list(tenantId: string | typeof SYSTEM_AUDIT, { page, pageSize, ...filters }: AuditQuery): Promise<AuditPage> {
      const { rows, total, totalIsLowerBound } = await store.listAudit(tenantId, filters, { limit: pageSize, offset: (page - 1) * pageSize });
      return { items: rows, total, page, pageSize, ...(totalIsLowerBound ? { totalIsLowerBound } : {}) };
    },
    /** Every matching entry, newest first, streamed batch by batch (by keyset on the entry ID): no cap. */
    async *csv(tenantId: string, { page: _page, pageSize: _size, ...filters }: AuditQuery): AsyncGenerator<string> {
      let beforeId: number | undefined;
      let chunk = CSV_COLUMNS.join(',') + '\r\n';
      for (;;) {
        const { rows } = await store.listAudit(tenantId, filters, { limit: EXPORT_BATCH, offset: 0, beforeId, count: false });
        for (const row of rows) chunk += CSV_COLUMNS.map((column) => csvCell(row[column])).join(',') + '\r\n';
        yield chunk;
        if (rows.length < EXPORT_BATCH) return;
        chunk = '';
        beforeId = rows[rows.length - 1]!.id;
      }
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
