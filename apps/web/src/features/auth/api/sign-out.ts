import { API_ROUTES } from '@tcc/shared';
import { useMutation } from '@tanstack/react-query';
import { apiRequest, setCsrfToken } from '../../../lib/api-client';

export const signOut = async () => {
  await apiRequest(API_ROUTES.signOut);
  setCsrfToken(null);
};

/** The caller navigates to the sign-in page and then clears the cache (see ProfileMenu): in that order, so the pages still shown do not refetch. */
export const useSignOut = () => useMutation({ mutationFn: signOut });
