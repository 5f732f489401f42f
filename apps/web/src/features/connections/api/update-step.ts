import type { UpdateStep } from '@tcc/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { storeConnectionDetail } from './get-connection';

export interface UpdateStepInput {
  tenantId: string;
  connectionId: string;
  stepId: number;
  body: UpdateStep;
}

export const updateStep = ({ tenantId, connectionId, stepId, body }: UpdateStepInput) =>
  apiRequest('updateStep', { params: { tenantId, connectionId, stepId }, body });

export function useUpdateStep() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateStep, onSuccess: (detail) => storeConnectionDetail(queryClient, detail) });
}
