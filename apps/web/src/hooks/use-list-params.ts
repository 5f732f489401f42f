import { LIMITS } from '@tcc/shared';
import { useCallback, useState } from 'react';
import type { SortOrder } from '../components/sort-control';

/** Search, sort and page of a server-side list; a new search or sort goes back to page 1. */
export function useListParams<K extends string>(defaultSort: K) {
  const [params, setParams] = useState({
    q: '',
    sort: defaultSort,
    order: 'asc' as SortOrder,
    page: 1,
    pageSize: LIMITS.pageSizeDefault as number,
  });
  const setQ = useCallback((q: string) => setParams((p) => (p.q === q ? p : { ...p, q, page: 1 })), []);
  const setSort = useCallback((sort: K, order: SortOrder) => setParams((p) => ({ ...p, sort, order, page: 1 })), []);
  const setPage = useCallback((page: number) => setParams((p) => ({ ...p, page })), []);
  return { params, setQ, setSort, setPage };
}
