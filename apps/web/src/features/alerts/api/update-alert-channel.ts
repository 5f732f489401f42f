import type { UpdateAlertChannelSchema } from '@tcc/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import { getAlertChannelsQueryOptions } from './get-alert-channels';
import { getAlertDeliveriesQueryOptions } from './get-alert-deliveries';

export interface UpdateAlertChannelInput {
  tenantId: string;
  channelId: string;
  body: z.input<typeof UpdateAlertChannelSchema>;
}

/** Fields not sent stay as they are; a rotated webhook secret is in this answer only (`secret`). */
export const updateAlertChannel = ({ tenantId, channelId, body }: UpdateAlertChannelInput) =>
  apiRequest('updateAlertChannel', { params: { tenantId, channelId }, body });

export function useUpdateAlertChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAlertChannel,
    // The log shows each delivery's channel name, which a rename changes.
    onSuccess: (_channel, { tenantId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: getAlertChannelsQueryOptions(tenantId).queryKey }),
        queryClient.invalidateQueries({ queryKey: getAlertDeliveriesQueryOptions(tenantId).queryKey }),
      ]),
  });
}
