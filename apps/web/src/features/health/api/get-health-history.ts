import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const HISTORY_PAGE_SIZE = 10;

export const getHealthHistory = (tenantId: string, connectionId: string, page: number, signal?: AbortSignal) =>
  apiRequest('listHealthHistory', { params: { tenantId, connectionId }, query: { page, pageSize: HISTORY_PAGE_SIZE }, signal });

/** Without a page, the key matches every page of the connection's history (for invalidation after a check). */
export const getHealthHistoryQueryOptions = (tenantId: string, connectionId: string, page?: number) =>
  queryOptions({
    queryKey: page === undefined ? ['health', tenantId, connectionId, 'history'] : ['health', tenantId, connectionId, 'history', page],
    queryFn: ({ signal }) => getHealthHistory(tenantId, connectionId, page ?? 1, signal),
    placeholderData: keepPreviousData,
  });

export const useHealthHistory = (tenantId: string, connectionId: string, page: number) =>
  useQuery(getHealthHistoryQueryOptions(tenantId, connectionId, page));
