import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getConnectionQueryOptions } from '../../connections/api/get-connection';
import { getCredentialsQueryOptions } from './get-credentials';

export interface FillSandboxCredentialsInput {
  tenantId: string;
  connectionId: string;
  version: number;
}

/** For a connection to the built-in sandbox: the server sets the sandbox's key and users; nothing secret reaches the browser. */
export const fillSandboxCredentials = ({ tenantId, connectionId, version }: FillSandboxCredentialsInput) =>
  apiRequest('fillSandboxCredentials', { params: { tenantId, connectionId }, body: { version } });

export function useFillSandboxCredentials() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fillSandboxCredentials,
    onSuccess: (status, { tenantId, connectionId }) => {
      queryClient.setQueryData(getCredentialsQueryOptions(tenantId, connectionId).queryKey, status);
      return queryClient.invalidateQueries({ queryKey: getConnectionQueryOptions(tenantId, connectionId).queryKey, exact: true });
    },
  });
}
