import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';

/** The one QueryClient: no retries on 4xx (they will not heal), no refetch on focus (it would surprise form users). */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
    },
  },
});
