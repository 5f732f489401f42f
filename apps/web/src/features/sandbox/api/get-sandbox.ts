import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const getSandbox = (signal?: AbortSignal) => apiRequest('sandbox', { signal });

/** Whether the sandbox runs does not change while the server runs. */
export const getSandboxQueryOptions = () => queryOptions({ queryKey: ['sandbox'], queryFn: ({ signal }) => getSandbox(signal), staleTime: Infinity });

export const useSandbox = () => useQuery(getSandboxQueryOptions());
