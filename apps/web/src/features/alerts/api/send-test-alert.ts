import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getAlertDeliveriesQueryOptions } from './get-alert-deliveries';

export interface SendTestAlertInput {
  tenantId: string;
  channelId: string;
}

/** Sends a test alert through the channel now; answers the first attempt's outcome (a 5xx is retried as usual). */
export const sendTestAlert = ({ tenantId, channelId }: SendTestAlertInput) => apiRequest('sendTestAlert', { params: { tenantId, channelId } });

export function useSendTestAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendTestAlert,
    onSuccess: (_result, { tenantId }) => queryClient.invalidateQueries({ queryKey: getAlertDeliveriesQueryOptions(tenantId).queryKey }),
  });
}
