import type { SignIn } from '@tcc/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, setCsrfToken } from '../../../lib/api-client';
import { getMeQueryOptions } from './get-me';

export const signIn = async (body: SignIn) => {
  const session = await apiRequest('signIn', { body });
  setCsrfToken(session.csrfToken);
  return session;
};

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    // A 401 here is a wrong user name or password, not a lost session: lib/react-query must not redirect.
    meta: { signInCall: true },
    onSuccess: (session) => {
      // Whatever was cached belonged to the previous session (perhaps another user): start clean.
      queryClient.removeQueries();
      queryClient.setQueryData(getMeQueryOptions().queryKey, session);
    },
  });
}
