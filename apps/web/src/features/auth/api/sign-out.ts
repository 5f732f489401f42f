import { useMutation } from '@tanstack/react-query';
import { apiRequest, setCsrfToken } from '../../../lib/api-client';

export const signOut = async () => {
  await apiRequest('signOut');
  setCsrfToken(null);
};

/** The caller navigates to the sign-in page, which clears the cache once the guarded pages are gone (see SignInRoute). */
export const useSignOut = () => useMutation({ mutationFn: signOut });
