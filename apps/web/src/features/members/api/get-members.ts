import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const getMembers = (tenantId: string, signal?: AbortSignal) =>
  apiRequest('listMembers', { params: { tenantId }, signal });

export const getMembersQueryOptions = (tenantId: string) =>
  queryOptions({
    queryKey: ['members', tenantId],
    queryFn: ({ signal }) => getMembers(tenantId, signal),
  });

export const useMembers = (tenantId: string) => useQuery(getMembersQueryOptions(tenantId));
