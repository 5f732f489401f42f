import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** As the health history: a short page, so the newest deliveries fit beside the channels. */
export const DELIVERIES_PAGE_SIZE = 10;

export const getAlertDeliveries = (tenantId: string, page: number, signal?: AbortSignal) =>
  apiRequest('listAlertDeliveries', { params: { tenantId }, query: { page, pageSize: DELIVERIES_PAGE_SIZE }, signal });

/** Without a page, the key matches every page of the log (for invalidation after a test alert or a deletion). */
export const getAlertDeliveriesQueryOptions = (tenantId: string, page?: number) =>
  queryOptions({
    queryKey: page === undefined ? ['alerts', tenantId, 'deliveries'] : ['alerts', tenantId, 'deliveries', page],
    queryFn: ({ signal }) => getAlertDeliveries(tenantId, page ?? 1, signal),
    placeholderData: keepPreviousData,
  });

export const useAlertDeliveries = (tenantId: string, page: number, enabled = true) => useQuery({ ...getAlertDeliveriesQueryOptions(tenantId, page), enabled });
