import { ERROR_CODES, type AutomationRun } from '@tcc/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../../lib/api-client';
import { useLatestRunStreamOpen, useWatchLatestRun } from './watch-latest-run';

/** The latest run, or null when assisted setup has not run for this connection yet (the server answers 404). */
export async function getLatestRun(tenantId: string, connectionId: string, signal?: AbortSignal): Promise<AutomationRun | null> {
  try {
    return await apiRequest('latestAutomationRun', { params: { tenantId, connectionId }, signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === ERROR_CODES.notFound) return null;
    throw error;
  }
}

export const POLL_INTERVAL_MS = 1000;

export const getLatestRunQueryOptions = (tenantId: string, connectionId: string) =>
  queryOptions({
    queryKey: ['automation', tenantId, connectionId, 'latest-run'],
    queryFn: ({ signal }) => getLatestRun(tenantId, connectionId, signal),
    // Polls only while a run goes on; a finished run does not change any more.
    refetchInterval: (query) => (query.state.data?.status === 'running' ? POLL_INTERVAL_MS : false),
  });

/**
 * The latest run, live while it goes on: by server-sent events (watch-latest-run.ts), and by polling every second
 * whenever that stream is not open (before it opens, while the browser reconnects it, or when it broke for good).
 */
export function useLatestRun(tenantId: string, connectionId: string) {
  const options = getLatestRunQueryOptions(tenantId, connectionId);
  const streamOpen = useLatestRunStreamOpen(tenantId, connectionId);
  const query = useQuery(streamOpen ? { ...options, refetchInterval: false } : options);
  useWatchLatestRun(options.queryKey, tenantId, connectionId, query.data?.status === 'running');
  return query;
}
