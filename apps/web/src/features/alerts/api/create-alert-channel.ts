import type { CreateAlertChannelSchema } from '@tcc/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import { getAlertChannelsQueryOptions } from './get-alert-channels';

export interface CreateAlertChannelInput {
  tenantId: string;
  body: z.input<typeof CreateAlertChannelSchema>;
}

/** Answers the channel; a webhook's generated signing secret is in this answer only (`secret`). */
export const createAlertChannel = ({ tenantId, body }: CreateAlertChannelInput) => apiRequest('createAlertChannel', { params: { tenantId }, body });

export function useCreateAlertChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAlertChannel,
    onSuccess: (_channel, { tenantId }) => queryClient.invalidateQueries({ queryKey: getAlertChannelsQueryOptions(tenantId).queryKey }),
  });
}
