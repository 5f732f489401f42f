import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const getConnectionHealth = (tenantId: string, connectionId: string, signal?: AbortSignal) =>
  apiRequest('getConnectionHealth', { params: { tenantId, connectionId }, signal });

export const getConnectionHealthQueryOptions = (tenantId: string, connectionId: string) =>
  queryOptions({
    queryKey: ['health', tenantId, connectionId, 'current'],
    queryFn: ({ signal }) => getConnectionHealth(tenantId, connectionId, signal),
  });

export const useConnectionHealth = (tenantId: string, connectionId: string) => useQuery(getConnectionHealthQueryOptions(tenantId, connectionId));
