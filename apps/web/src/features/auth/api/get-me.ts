import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest, setCsrfToken } from '../../../lib/api-client';
import { SESSION_QUERY_KEY } from '../../../lib/react-query';

/** The signed-in user; its answer carries the CSRF token every change request must send. */
export const getMe = async (signal?: AbortSignal) => {
  const session = await apiRequest('me', { signal });
  setCsrfToken(session.csrfToken);
  return session;
};

/** Asked once per page load: a session that ends later shows up as a 401 on the next call, handled in lib/react-query. */
export const getMeQueryOptions = () =>
  queryOptions({
    queryKey: SESSION_QUERY_KEY,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: Infinity,
  });

export const useMe = () => useQuery(getMeQueryOptions());
