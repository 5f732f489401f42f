import { API_ROUTES, AutomationRunSchema, type AutomationRun } from '@tcc/shared';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { routeUrl } from '../../../lib/api-client';

/**
 * Follows a connection's latest run over server-sent events: each event is the whole run, sent at once and on every
 * change until its final state. The browser reconnects a broken stream by itself and sends Last-Event-ID, so the
 * server answers only what is newer. Answers the close function.
 */
export function watchLatestRun(
  tenantId: string,
  connectionId: string,
  { onRun, onLive }: { onRun: (run: AutomationRun) => void; onLive: (live: boolean) => void },
): () => void {
  // EventSource's default credentials mode is same-origin, as apiRequest's: the session cookie goes along.
  const source = new EventSource(routeUrl(API_ROUTES.watchLatestAutomationRun, { tenantId, connectionId }));
  const stop = () => {
    source.close();
    onLive(false);
  };
  source.onopen = () => onLive(true);
  source.onmessage = (event: MessageEvent<string>) => {
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      data = undefined;
    }
    const parsed = AutomationRunSchema.safeParse(data);
    // An answer the contract does not describe: polling (checked by apiRequest) shows the run instead.
    if (!parsed.success) return stop();
    onRun(parsed.data);
    // The final state: the server ends the stream too; closing first keeps the browser from reconnecting.
    if (parsed.data.status !== 'running') stop();
  };
  // Reconnecting (readyState CONNECTING) or given up (CLOSED: a 204, 401 or 404): the latest-run query polls meanwhile.
  source.onerror = () => onLive(false);
  return () => source.close();
}

interface RunStream {
  /** Components following this run (the assisted-setup panel and the repair button share one stream). */
  users: number;
  /** True while the stream is open; the latest-run query polls whenever it is not. */
  live: boolean;
  close: () => void;
}

const streams = new Map<string, RunStream>();
const subscribers = new Set<() => void>();
const notify = () => subscribers.forEach((subscriber) => subscriber());
const subscribe = (subscriber: () => void) => {
  subscribers.add(subscriber);
  return () => void subscribers.delete(subscriber);
};

/** Whether the connection's run stream is open now: then the latest-run query need not poll. */
export function useLatestRunStreamOpen(tenantId: string, connectionId: string): boolean {
  const key = `${tenantId}/${connectionId}`;
  return useSyncExternalStore(subscribe, () => streams.get(key)?.live ?? false);
}

/** While `running`, keeps one event stream per connection open and writes each run it brings into the query at `queryKey`. */
export function useWatchLatestRun(queryKey: QueryKey, tenantId: string, connectionId: string, running: boolean): void {
  const queryClient = useQueryClient();
  const key = `${tenantId}/${connectionId}`;
  useEffect(() => {
    if (!running || typeof EventSource === 'undefined') return;
    let stream = streams.get(key);
    if (!stream) {
      const created: RunStream = { users: 0, live: false, close: () => {} };
      streams.set(key, created);
      created.close = watchLatestRun(tenantId, connectionId, {
        onRun: (run) => queryClient.setQueryData(queryKey, run),
        onLive: (open) => {
          created.live = open;
          notify();
        },
      });
      stream = created;
    }
    const mine = stream;
    mine.users += 1;
    return () => {
      mine.users -= 1;
      if (mine.users > 0) return;
      mine.close();
      if (streams.get(key) === mine) streams.delete(key);
      notify();
    };
    // queryKey is not a dependency: it follows from tenantId and connectionId (a new array each render).
  }, [running, key, tenantId, connectionId, queryClient]);
}
