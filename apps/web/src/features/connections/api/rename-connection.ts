import type { RenameConnection } from '@tcc/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { storeConnectionDetail } from './get-connection';

interface RenameConnectionInput extends RenameConnection {
  tenantId: string;
  connectionId: string;
}

export const renameConnection = ({ tenantId, connectionId, ...body }: RenameConnectionInput) =>
  apiRequest('renameConnection', { params: { tenantId, connectionId }, body });

export function useRenameConnection() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: renameConnection, onSuccess: (detail) => storeConnectionDetail(queryClient, detail) });
}
