import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const getAlertChannels = (tenantId: string, signal?: AbortSignal) => apiRequest('listAlertChannels', { params: { tenantId }, signal });

export const getAlertChannelsQueryOptions = (tenantId: string) =>
  queryOptions({
    queryKey: ['alerts', tenantId, 'channels'],
    queryFn: ({ signal }) => getAlertChannels(tenantId, signal),
  });

/** Operators and admins only (the server answers 403 to viewers): `enabled` keeps viewers from asking. */
export const useAlertChannels = (tenantId: string, enabled = true) => useQuery({ ...getAlertChannelsQueryOptions(tenantId), enabled });
