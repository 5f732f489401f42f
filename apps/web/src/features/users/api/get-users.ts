import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const getUsers = (signal?: AbortSignal) => apiRequest('listUsers', { signal });

/** System admins only: everyone else gets 403, which callers treat as "pick by user ID instead". */
export const getUsersQueryOptions = () =>
  queryOptions({
    queryKey: ['users', 'list'],
    queryFn: ({ signal }) => getUsers(signal),
  });

export const useUsers = (options: { enabled?: boolean } = {}) => useQuery({ ...getUsersQueryOptions(), ...options });
