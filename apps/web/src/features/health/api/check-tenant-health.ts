import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getConnectionsQueryOptions } from '../../connections/api/get-connections';

/** Checks every connection of the tenant now; answers how many were checked. */
export const checkTenantHealth = ({ tenantId }: { tenantId: string }) => apiRequest('checkTenantHealth', { params: { tenantId } });

export function useCheckTenantHealth() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: checkTenantHealth,
    // Every connection's health changed: its list rows, details and health panels.
    onSuccess: (_result, { tenantId }) =>
      Promise.all([
        // The tenant's lists and every connection's detail (its state: a broken check outranks an older passing test).
        queryClient.invalidateQueries({ queryKey: getConnectionsQueryOptions(tenantId).queryKey.slice(0, 2) }),
        queryClient.invalidateQueries({ queryKey: ['health', tenantId] }),
      ]),
  });
}
