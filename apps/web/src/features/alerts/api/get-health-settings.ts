import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const getHealthSettings = (tenantId: string, signal?: AbortSignal) => apiRequest('getTenantHealthSettings', { params: { tenantId }, signal });

export const getHealthSettingsQueryOptions = (tenantId: string) =>
  queryOptions({
    queryKey: ['alerts', tenantId, 'health-settings'],
    queryFn: ({ signal }) => getHealthSettings(tenantId, signal),
  });

export const useHealthSettings = (tenantId: string) => useQuery(getHealthSettingsQueryOptions(tenantId));
