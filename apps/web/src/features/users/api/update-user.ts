import type { UpdateUser } from '@tcc/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { getUsersQueryOptions } from './get-users';

export interface UpdateUserInput {
  userId: string;
  body: UpdateUser;
}

/** A new password or the disabled flag; the server ends the user's sessions either way. */
export const updateUser = ({ userId, body }: UpdateUserInput) => apiRequest('updateUser', { params: { userId }, body });

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getUsersQueryOptions().queryKey }),
  });
}
