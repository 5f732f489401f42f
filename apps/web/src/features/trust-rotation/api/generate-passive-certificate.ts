import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getTrustRotationQueryOptions } from './get-trust-rotation';

export interface TrustRotationInput {
  tenantId: string;
  connectionId: string;
}

/** Generates the passive certificate in the subaccount; the active one keeps signing. */
export const generatePassiveCertificate = ({ tenantId, connectionId }: TrustRotationInput) =>
  apiRequest('generatePassiveCertificate', { params: { tenantId, connectionId } });

export function useGeneratePassiveCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: generatePassiveCertificate,
    onSuccess: (status, { tenantId, connectionId }) => queryClient.setQueryData(getTrustRotationQueryOptions(tenantId, connectionId).queryKey, status),
  });
}
