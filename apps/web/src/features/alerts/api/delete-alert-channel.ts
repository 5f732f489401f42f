import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getAlertChannelsQueryOptions } from './get-alert-channels';
import { getAlertDeliveriesQueryOptions } from './get-alert-deliveries';

export interface DeleteAlertChannelInput {
  tenantId: string;
  channelId: string;
}

/** Removes the channel and its delivery log. */
export const deleteAlertChannel = ({ tenantId, channelId }: DeleteAlertChannelInput) => apiRequest('deleteAlertChannel', { params: { tenantId, channelId } });

export function useDeleteAlertChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAlertChannel,
    onSuccess: (_result, { tenantId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: getAlertChannelsQueryOptions(tenantId).queryKey }),
        queryClient.invalidateQueries({ queryKey: getAlertDeliveriesQueryOptions(tenantId).queryKey }),
      ]),
  });
}
