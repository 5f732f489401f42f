import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getConnectionQueryOptions } from '../../connections/api/get-connection';
import { getConnectionsQueryOptions } from '../../connections/api/get-connections';

export interface VerifyStepInput {
  tenantId: string;
  connectionId: string;
  stepId: number;
}

/** Reads SAP and compares it with what the step must leave behind; when it matches, the server marks the step done. */
export const verifyStep = ({ tenantId, connectionId, stepId }: VerifyStepInput) =>
  apiRequest('verifyStep', { params: { tenantId, connectionId, stepId } });

export function useVerifyStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyStep,
    onSuccess: async (result, { tenantId, connectionId }) => {
      if (!result.verified) return;
      // The step is now done on the server (and the connection's version went up): refetch it and the lists.
      await queryClient.invalidateQueries({ queryKey: getConnectionQueryOptions(tenantId, connectionId).queryKey, exact: true });
      await queryClient.invalidateQueries({ queryKey: getConnectionsQueryOptions(tenantId).queryKey });
    },
  });
}
