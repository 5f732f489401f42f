import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** Reads both SAP systems (changes nothing): so it runs only once the admin opens the rotation panel. */
export const getTrustRotation = (tenantId: string, connectionId: string, signal?: AbortSignal) =>
  apiRequest('getTrustRotation', { params: { tenantId, connectionId }, signal });

export const getTrustRotationQueryOptions = (tenantId: string, connectionId: string) =>
  queryOptions({
    queryKey: ['trust-rotation', tenantId, connectionId],
    queryFn: ({ signal }) => getTrustRotation(tenantId, connectionId, signal),
    staleTime: 30_000,
  });

export const useTrustRotation = (tenantId: string, connectionId: string, enabled: boolean) =>
  useQuery({ ...getTrustRotationQueryOptions(tenantId, connectionId), enabled });
