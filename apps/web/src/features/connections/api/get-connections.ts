import type { ListConnectionsQuery } from '@tcc/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export type ConnectionsParams = Partial<ListConnectionsQuery>;

export const getConnections = (tenantId: string, params: ConnectionsParams, signal?: AbortSignal) =>
  apiRequest('listConnections', { params: { tenantId }, query: params, signal });

/** Called without params, its key matches every list of the tenant (TanStack matches object keys partially). */
export const getConnectionsQueryOptions = (tenantId: string, params: ConnectionsParams = {}) =>
  queryOptions({
    queryKey: ['connections', tenantId, 'list', params],
    queryFn: ({ signal }) => getConnections(tenantId, params, signal),
    placeholderData: keepPreviousData,
  });

export const useConnections = (tenantId: string, params: ConnectionsParams) =>
  useQuery(getConnectionsQueryOptions(tenantId, params));
