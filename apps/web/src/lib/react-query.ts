import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { paths } from '../config/paths';
import { ApiError, isSignInRequired, setCsrfToken } from './api-client';

/** The signed-in user (GET /api/auth/me); features/auth/api/get-me.ts reads it, the session handling below clears it. */
export const SESSION_QUERY_KEY = ['auth', 'me'] as const;

declare module '@tanstack/react-query' {
  interface Register {
    /** `signInCall`: the sign-in request itself, whose 401 is a wrong password and not a lost session. */
    mutationMeta: { signInCall?: boolean };
  }
}

type Navigate = (to: string, options: { replace: boolean }) => unknown;
// Until the router registers itself (it is created after this module), a full page load does the job.
let navigate: Navigate = (to) => window.location.assign(to);

/** The router hands over its navigate function, so the session handling can redirect without importing the app. */
export function registerNavigate(fn: Navigate): void {
  navigate = fn;
}

let redirecting = false;

/**
 * The one place that reacts to 401 SIGN_IN_REQUIRED (expired or ended session, from any query or mutation): forget
 * the token and the signed-in user, and go to the sign-in page, which brings the user back here afterwards.
 */
function handleSessionLost(): void {
  setCsrfToken(null);
  const here = window.location.pathname + window.location.search;
  const onSignIn = window.location.pathname === paths.signIn.path;
  if (onSignIn || redirecting) {
    if (onSignIn) queryClient.removeQueries({ queryKey: SESSION_QUERY_KEY });
    return;
  }
  redirecting = true;
  // Navigate first: removing the query while the guarded pages still show would make them ask /me again.
  void Promise.resolve(navigate(paths.signIn.getHref(here), { replace: true })).finally(() => {
    redirecting = false;
    // A macrotask later React has committed the sign-in page, so no guard is left to refetch the removed query.
    setTimeout(() => queryClient.removeQueries({ queryKey: SESSION_QUERY_KEY }), 0);
  });
}

/** The one QueryClient: no retries on 4xx (they will not heal), no refetch on focus (it would surprise form users). */
export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error) => {
      if (isSignInRequired(error)) handleSessionLost();
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      if (isSignInRequired(error) && !mutation.meta?.signInCall) handleSessionLost();
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
    },
  },
});
