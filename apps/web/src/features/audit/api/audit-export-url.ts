import { API_ROUTES } from '@tcc/shared';
import { routeUrl } from '../../../lib/api-client';
import type { AuditParams } from './get-audit-log';

/**
 * A plain link, not a fetch: the browser downloads the CSV itself (the server sets Content-Disposition) and sends
 * the session cookie along. Same filters as the table, all pages.
 */
export const getAuditExportUrl = (tenantId: string, { page: _page, pageSize: _pageSize, ...filters }: AuditParams) =>
  routeUrl(API_ROUTES.exportAudit, { tenantId }, filters);
