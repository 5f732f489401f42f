import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getConnectionQueryOptions } from './get-connection';
import { getConnectionsQueryOptions } from './get-connections';

interface DeleteConnectionInput {
  tenantId: string;
  connectionId: string;
  version: number;
}

export const deleteConnection = ({ tenantId, connectionId, version }: DeleteConnectionInput) =>
  apiRequest('deleteConnection', { params: { tenantId, connectionId }, query: { version } });

export function useDeleteConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteConnection,
    onSuccess: (_, { tenantId, connectionId }) => {
      queryClient.removeQueries({ queryKey: getConnectionQueryOptions(tenantId, connectionId).queryKey });
      return queryClient.invalidateQueries({ queryKey: getConnectionsQueryOptions(tenantId).queryKey });
    },
  });
}
