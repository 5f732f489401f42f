import type { RenameTenant } from '@tcc/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getTenantQueryOptions } from './get-tenant';
import { getTenantsQueryOptions } from './get-tenants';

export const renameTenant = ({ tenantId, ...body }: RenameTenant & { tenantId: string }) =>
  apiRequest('renameTenant', { params: { tenantId }, body });

export function useRenameTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: renameTenant,
    onSuccess: (tenant) => {
      queryClient.setQueryData(getTenantQueryOptions(tenant.id).queryKey, tenant);
      return queryClient.invalidateQueries({ queryKey: getTenantsQueryOptions().queryKey });
    },
  });
}
