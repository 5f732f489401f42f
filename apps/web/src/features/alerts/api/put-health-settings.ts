import type { PutTenantHealthSettings } from '@tcc/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getHealthSettingsQueryOptions } from './get-health-settings';

export interface PutHealthSettingsInput {
  tenantId: string;
  body: PutTenantHealthSettings;
}

/** Sets the tenant's check interval (null: the server's default); answers the settings now in force. */
export const putHealthSettings = ({ tenantId, body }: PutHealthSettingsInput) => apiRequest('putTenantHealthSettings', { params: { tenantId }, body });

export function usePutHealthSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putHealthSettings,
    onSuccess: (settings, { tenantId }) => queryClient.setQueryData(getHealthSettingsQueryOptions(tenantId).queryKey, settings),
  });
}
