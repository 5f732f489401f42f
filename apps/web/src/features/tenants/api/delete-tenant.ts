import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getTenantQueryOptions } from './get-tenant';
import { getTenantsQueryOptions } from './get-tenants';

export const deleteTenant = (tenantId: string) => apiRequest('deleteTenant', { params: { tenantId } });

export function useDeleteTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteTenant,
    onSuccess: (_, tenantId) => {
      queryClient.removeQueries({ queryKey: getTenantQueryOptions(tenantId).queryKey });
      return queryClient.invalidateQueries({ queryKey: getTenantsQueryOptions().queryKey });
    },
  });
}
