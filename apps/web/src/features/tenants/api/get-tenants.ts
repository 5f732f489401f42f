import type { ListTenantsQuery } from '@tcc/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export type TenantsParams = Partial<ListTenantsQuery>;

export const getTenants = (params: TenantsParams, signal?: AbortSignal) =>
  apiRequest('listTenants', { query: params, signal });

/**
 * Always refetched on mount: the counts are aggregates of connection changes made on other pages, which would
 * otherwise need a cross-feature invalidation.
 */
export const getTenantsQueryOptions = (params: TenantsParams = {}) =>
  queryOptions({
    queryKey: ['tenants', 'list', params],
    queryFn: ({ signal }) => getTenants(params, signal),
    staleTime: 0,
    placeholderData: keepPreviousData,
  });

export const useTenants = (params: TenantsParams) => useQuery(getTenantsQueryOptions(params));
