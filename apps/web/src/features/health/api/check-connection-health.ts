import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getConnectionQueryOptions } from '../../connections/api/get-connection';
import { getConnectionsQueryOptions } from '../../connections/api/get-connections';
import { getConnectionHealthQueryOptions } from './get-connection-health';
import { getHealthHistoryQueryOptions } from './get-health-history';

export interface CheckConnectionHealthInput {
  tenantId: string;
  connectionId: string;
}

/** Reads SAP now (changes nothing there) and answers the new health. */
export const checkConnectionHealth = ({ tenantId, connectionId }: CheckConnectionHealthInput) =>
  apiRequest('checkConnectionHealth', { params: { tenantId, connectionId } });

export function useCheckConnectionHealth() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: checkConnectionHealth,
    onSuccess: (health, { tenantId, connectionId }) => {
      queryClient.setQueryData(getConnectionHealthQueryOptions(tenantId, connectionId).queryKey, health);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: getHealthHistoryQueryOptions(tenantId, connectionId).queryKey }),
        queryClient.invalidateQueries({ queryKey: getConnectionQueryOptions(tenantId, connectionId).queryKey, exact: true }),
        queryClient.invalidateQueries({ queryKey: getConnectionsQueryOptions(tenantId).queryKey }),
      ]);
    },
  });
}
