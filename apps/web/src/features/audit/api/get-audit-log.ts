import type { AuditQuery } from '@tcc/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export type AuditParams = Partial<AuditQuery>;

export const getAuditLog = (tenantId: string, params: AuditParams, signal?: AbortSignal) =>
  apiRequest('listAudit', { params: { tenantId }, query: params, signal });

/** Always refetched on mount: every change anywhere in the tenant adds entries. */
export const getAuditLogQueryOptions = (tenantId: string, params: AuditParams = {}) =>
  queryOptions({
    queryKey: ['audit', tenantId, params],
    queryFn: ({ signal }) => getAuditLog(tenantId, params, signal),
    staleTime: 0,
    placeholderData: keepPreviousData,
  });

export const useAuditLog = (tenantId: string, params: AuditParams) => useQuery(getAuditLogQueryOptions(tenantId, params));
