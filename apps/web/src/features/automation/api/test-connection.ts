import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getConnectionQueryOptions } from '../../connections/api/get-connection';
import { getConnectionsQueryOptions } from '../../connections/api/get-connections';

export interface TestConnectionInput {
  tenantId: string;
  connectionId: string;
}

/** Proves the chain end to end: find destination with a business user's token, then the task replication service. */
export const testConnection = ({ tenantId, connectionId }: TestConnectionInput) =>
  apiRequest('testConnection', { params: { tenantId, connectionId } });

export function useTestConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: testConnection,
    // The server keeps the outcome as the connection's last test, which decides its state (working / needs attention):
    // refetch the connection and the lists, or the wizard keeps saying "set up, not tested" after a passing test.
    onSettled: async (_result, _error, { tenantId, connectionId }) => {
      await queryClient.invalidateQueries({ queryKey: getConnectionQueryOptions(tenantId, connectionId).queryKey, exact: true });
      await queryClient.invalidateQueries({ queryKey: getConnectionsQueryOptions(tenantId).queryKey });
    },
  });
}
