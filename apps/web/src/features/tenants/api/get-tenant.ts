import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const getTenant = (tenantId: string, signal?: AbortSignal) =>
  apiRequest('getTenant', { params: { tenantId }, signal });

export const getTenantQueryOptions = (tenantId: string) =>
  queryOptions({
    queryKey: ['tenants', 'detail', tenantId],
    queryFn: ({ signal }) => getTenant(tenantId, signal),
  });

export const useTenant = (tenantId: string | undefined) =>
  useQuery({ ...getTenantQueryOptions(tenantId ?? ''), enabled: !!tenantId });
