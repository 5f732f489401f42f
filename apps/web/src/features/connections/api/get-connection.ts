import type { ConnectionDetail } from '@tcc/shared';
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getConnectionsQueryOptions } from './get-connections';

export const getConnection = (tenantId: string, connectionId: string, signal?: AbortSignal) =>
  apiRequest('getConnection', { params: { tenantId, connectionId }, signal });

export const getConnectionQueryOptions = (tenantId: string, connectionId: string) =>
  queryOptions({
    queryKey: ['connections', tenantId, 'detail', connectionId],
    queryFn: ({ signal }) => getConnection(tenantId, connectionId, signal),
  });

export const useConnection = (tenantId: string, connectionId: string) =>
  useQuery(getConnectionQueryOptions(tenantId, connectionId));

/** Every connection mutation answers with the new detail: cache it as-is and let the lists refetch. */
export function storeConnectionDetail(queryClient: QueryClient, detail: ConnectionDetail) {
  queryClient.setQueryData(getConnectionQueryOptions(detail.tenantId, detail.id).queryKey, detail);
  return queryClient.invalidateQueries({ queryKey: getConnectionsQueryOptions(detail.tenantId).queryKey });
}
