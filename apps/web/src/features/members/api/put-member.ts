import type { TenantRole } from '@tcc/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getTenantQueryOptions } from '../../tenants/api/get-tenant';
import { getMembersQueryOptions } from './get-members';

export interface PutMemberInput {
  tenantId: string;
  userId: string;
  role: TenantRole;
}

/** Adds the user to the tenant, or changes their role when they are a member already. */
export const putMember = ({ tenantId, userId, role }: PutMemberInput) =>
  apiRequest('putMember', { params: { tenantId, userId }, body: { role } });

export function usePutMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putMember,
    // Refetched rather than patched: the server may refuse or adjust (e.g. keep the last admin).
    onSettled: (_, __, { tenantId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: getMembersQueryOptions(tenantId).queryKey }),
        // An admin who changes their own role sees the tenant page adapt at once.
        queryClient.invalidateQueries({ queryKey: getTenantQueryOptions(tenantId).queryKey }),
      ]),
  });
}
