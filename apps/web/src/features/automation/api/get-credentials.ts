import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const getCredentials = (tenantId: string, connectionId: string, signal?: AbortSignal) =>
  apiRequest('getCredentials', { params: { tenantId, connectionId }, signal });

export const getCredentialsQueryOptions = (tenantId: string, connectionId: string) =>
  queryOptions({
    queryKey: ['credentials', tenantId, connectionId],
    queryFn: ({ signal }) => getCredentials(tenantId, connectionId, signal),
  });

/** Whether each credential is set, when and by whom; never a secret. */
export const useCredentials = (tenantId: string, connectionId: string) => useQuery(getCredentialsQueryOptions(tenantId, connectionId));
