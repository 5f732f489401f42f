import type { UploadCertificate } from '@tcc/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { storeConnectionDetail } from './get-connection';

interface UploadInput extends UploadCertificate {
  tenantId: string;
  connectionId: string;
}

export const uploadTrustCertificate = ({ tenantId, connectionId, ...body }: UploadInput) =>
  apiRequest('uploadTrustCertificate', { params: { tenantId, connectionId }, body });

export function useUploadTrustCertificate() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: uploadTrustCertificate, onSuccess: (detail) => storeConnectionDetail(queryClient, detail) });
}
