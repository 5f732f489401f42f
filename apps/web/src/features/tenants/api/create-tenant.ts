import type { CreateTenant } from '@tcc/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getTenantQueryOptions } from './get-tenant';
import { getTenantsQueryOptions } from './get-tenants';

export const createTenant = (body: CreateTenant) => apiRequest('createTenant', { body });

export function useCreateTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTenant,
    onSuccess: (tenant) => {
      queryClient.setQueryData(getTenantQueryOptions(tenant.id).queryKey, tenant);
      return queryClient.invalidateQueries({ queryKey: getTenantsQueryOptions().queryKey });
    },
  });
}
