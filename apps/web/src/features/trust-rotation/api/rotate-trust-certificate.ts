import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getConnectionQueryOptions } from '../../connections/api/get-connection';
import { getConnectionsQueryOptions } from '../../connections/api/get-connections';
import { getConnectionHealthQueryOptions } from '../../health/api/get-connection-health';
import { getHealthHistoryQueryOptions } from '../../health/api/get-health-history';
import type { TrustRotationInput } from './generate-passive-certificate';
import { getTrustRotationQueryOptions } from './get-trust-rotation';

/** The switch (confirmed in the dialog): both systems change, then verify, test, or roll back. */
export const rotateTrustCertificate = ({ tenantId, connectionId }: TrustRotationInput) =>
  apiRequest('rotateTrustCertificate', { params: { tenantId, connectionId }, body: { confirm: true } });

export function useRotateTrustCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateTrustCertificate,
    onSuccess: (result, { tenantId, connectionId }) => {
      queryClient.setQueryData(getTrustRotationQueryOptions(tenantId, connectionId).queryKey, result.status);
      // The certificate, the last test and the health all changed with it.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: getConnectionQueryOptions(tenantId, connectionId).queryKey, exact: true }),
        queryClient.invalidateQueries({ queryKey: getConnectionHealthQueryOptions(tenantId, connectionId).queryKey }),
        queryClient.invalidateQueries({ queryKey: getHealthHistoryQueryOptions(tenantId, connectionId).queryKey }),
        queryClient.invalidateQueries({ queryKey: getConnectionsQueryOptions(tenantId).queryKey }),
      ]);
    },
  });
}
