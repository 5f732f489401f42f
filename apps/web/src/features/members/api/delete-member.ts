import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getTenantQueryOptions } from '../../tenants/api/get-tenant';
import { getMembersQueryOptions } from './get-members';

export interface DeleteMemberInput {
  tenantId: string;
  userId: string;
}

export const deleteMember = ({ tenantId, userId }: DeleteMemberInput) =>
  apiRequest('deleteMember', { params: { tenantId, userId } });

export function useDeleteMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteMember,
    onSettled: (_, __, { tenantId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: getMembersQueryOptions(tenantId).queryKey }),
        // An admin who changes their own role sees the tenant page adapt at once.
        queryClient.invalidateQueries({ queryKey: getTenantQueryOptions(tenantId).queryKey }),
      ]),
  });
}
