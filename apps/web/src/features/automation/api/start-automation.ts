import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getLatestRunQueryOptions } from './get-latest-run';

export interface StartAutomationInput {
  tenantId: string;
  connectionId: string;
  confirmChanges: boolean;
  /** Change only the objects that drifted (the repair plan's); the rest is only read. */
  repair?: boolean;
}

/** Starts a run in the background; the latest-run query then follows its progress (useLatestRun). */
export const startAutomation = ({ tenantId, connectionId, confirmChanges, repair = false }: StartAutomationInput) =>
  apiRequest('startAutomation', { params: { tenantId, connectionId }, body: { confirmChanges, repair } });

export function useStartAutomation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startAutomation,
    onSuccess: (run, { tenantId, connectionId }) => queryClient.setQueryData(getLatestRunQueryOptions(tenantId, connectionId).queryKey, run),
  });
}
