import type { AuditPage, AuditQuery } from '@tcc/shared';
import type { SYSTEM_AUDIT } from '../../store/audit-store.js';
import type { Store } from '../../store/types.js';

const CSV_COLUMNS = ['at', 'actor', 'action', 'connectionId', 'object', 'result', 'detail'] as const;
const EXPORT_MAX_ROWS = 100_000;

/** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs an entry as a formula. */
function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function createAuditService({ store }: { store: Store }) {
  return {
    async list(tenantId: string | typeof SYSTEM_AUDIT, { page, pageSize, ...filters }: AuditQuery): Promise<AuditPage> {
      const { rows, total } = await store.listAudit(tenantId, filters, { limit: pageSize, offset: (page - 1) * pageSize });
      return { items: rows, total, page, pageSize };
    },
    async csv(tenantId: string, { page: _page, pageSize: _size, ...filters }: AuditQuery): Promise<string> {
      const { rows } = await store.listAudit(tenantId, filters, { limit: EXPORT_MAX_ROWS, offset: 0 });
      const lines = rows.map((row) => CSV_COLUMNS.map((column) => csvCell(row[column])).join(','));
      return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
