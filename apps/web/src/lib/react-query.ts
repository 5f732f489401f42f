import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { paths } from '../config/paths';
import { ApiError, isSignInRequired, setCsrfToken } from './api-client';

/** The signed-in user (GET /api/auth/me); features/auth/api/get-me.ts reads it, the sign-in page clears it (app/routes/sign-in.tsx). */
export const SESSION_QUERY_KEY = ['auth', 'me'] as const;

declare module '@tanstack/react-query' {
  interface Register {
    /** `signInCall`: the sign-in request itself, whose 401 is a wrong password and not a lost session. */
    mutationMeta: { signInCall?: boolean };
  }
}

type Navigate = (to: string, options: { replace: boolean }) => unknown;
// Until the router has mounted and registered itself, a full page load does the job.
let navigate: Navigate = (to) => window.location.assign(to);

/** The router hands over its navigate function, so the session handling can redirect without importing the app. */
export function registerNavigate(fn: Navigate): void {
  navigate = fn;
}

/**
 * The one place that reacts to 401 SIGN_IN_REQUIRED (expired or ended session, from any query or mutation): forget
 * the token and go to the sign-in page, which brings the user back here afterwards. The sign-in page clears the cache
 * (the signed-in user with it) once it has replaced the guarded pages: cleared earlier, the queries of the pages still
 * shown until React commits it (navigations are transitions) would ask again. The URL changes at once, so later 401s
 * of those pages change nothing.
 */
function handleSessionLost(): void {
  setCsrfToken(null);
  if (window.location.pathname === paths.signIn.path) return;
  void navigate(paths.signIn.getHref(window.location.pathname + window.location.search), { replace: true });
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
