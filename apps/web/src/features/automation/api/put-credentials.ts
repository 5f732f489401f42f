import type { PutCredentials } from '@tcc/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getConnectionQueryOptions } from '../../connections/api/get-connection';
import { getCredentialsQueryOptions } from './get-credentials';

export interface PutCredentialsInput {
  tenantId: string;
  connectionId: string;
  body: PutCredentials;
}

/** Write-only: only the fields sent are replaced; the answer is the new status. */
export const putCredentials = ({ tenantId, connectionId, body }: PutCredentialsInput) =>
  apiRequest('putCredentials', { params: { tenantId, connectionId }, body });

export function usePutCredentials() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putCredentials,
    onSuccess: (status, { tenantId, connectionId }) => {
      queryClient.setQueryData(getCredentialsQueryOptions(tenantId, connectionId).queryKey, status);
      // The connection's version went up: refetch it, or the next step save would answer 409.
      return queryClient.invalidateQueries({ queryKey: getConnectionQueryOptions(tenantId, connectionId).queryKey, exact: true });
    },
  });
}
