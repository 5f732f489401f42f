import type { CreateConnection } from '@tcc/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { storeConnectionDetail } from './get-connection';

export const createConnection = ({ tenantId, ...body }: CreateConnection & { tenantId: string }) =>
  apiRequest('createConnection', { params: { tenantId }, body });

export function useCreateConnection() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createConnection, onSuccess: (detail) => storeConnectionDetail(queryClient, detail) });
}
