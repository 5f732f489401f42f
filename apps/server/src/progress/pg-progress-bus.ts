import pg from 'pg';
import type { Logger } from '../logger.js';
import { createLocalListeners } from './local-progress-bus.js';
import type { ProgressBus, RunEvent } from './progress-bus.js';

/** One channel for every run's progress; the payload names the connection (listeners filter in the process). */
export const PROGRESS_CHANNEL = 'tcc_run_progress';

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 10_000;

/** The NOTIFY payload: ids and a number, ~120 bytes whatever the run holds (PostgreSQL's limit is 8000 bytes). */
const payloadOf = (event: RunEvent) => JSON.stringify([event.tenantId, event.connectionId, event.runId, event.sequence]);

function eventOf(payload: string | undefined): RunEvent | null {
  try {
    const [tenantId, connectionId, runId, sequence] = JSON.parse(payload ?? '') as unknown[];
    if (typeof tenantId !== 'string' || typeof connectionId !== 'string' || typeof runId !== 'string' || typeof sequence !== 'number') return null;
    return { tenantId, connectionId, runId, sequence };
  } catch {
    return null;
  }
}

/**
 * Progress across instances over PostgreSQL LISTEN/NOTIFY, on one dedicated connection per instance (a pooled one
 * would lose its LISTEN when returned). Every instance, the publishing one included, hears each NOTIFY once it is
 * committed, i.e. after the run's row is written. When the connection drops, it is opened again with backoff and
 * every follower is told it may have missed events (it then reads the store); meanwhile events stay in the process.
 */
export async function createPgProgressBus({ clientConfig, logger }: { clientConfig: pg.ClientConfig; logger: Logger }): Promise<ProgressBus> {
  const listeners = createLocalListeners();
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = RECONNECT_MIN_MS;
  let timer: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    // TCP keep-alive: a connection dropped by a firewall without a word would otherwise listen to nothing forever.
    const next = new pg.Client({ keepAlive: true, ...clientConfig });
    next.on('notification', (message) => {
      const event = message.channel === PROGRESS_CHANNEL ? eventOf(message.payload) : null;
      if (event) listeners.emit(event);
    });
    // An error is followed by 'end'; reconnecting is 'end''s business alone, so it happens once.
    next.on('error', (error) => logger.warn('progress: the LISTEN connection failed', { error: error.message }));
    next.on('end', () => {
      if (client !== next) return; // a connection that never got as far as LISTEN: its caller retries
      client = null;
      if (!closed) reconnectLater();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${PROGRESS_CHANNEL}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    client = next;
    retryMs = RECONNECT_MIN_MS;
  }

  function reconnectLater() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      connect()
        .then(() => {
          logger.info('progress: LISTEN connection restored');
          listeners.emitMissed();
        })
        .catch((error: unknown) => {
          logger.warn('progress: cannot reconnect the LISTEN connection yet', { error: error instanceof Error ? error.message : String(error), retryMs });
          retryMs = Math.min(RECONNECT_MAX_MS, retryMs * 2);
          reconnectLater();
        });
    }, retryMs);
    timer.unref();
  }

  // The store has just connected with the same settings: a failure here is worth stopping the start for.
  await connect();

  return {
    async publish(event) {
      const current = client;
      if (current) {
        try {
          await current.query('SELECT pg_notify($1, $2)', [PROGRESS_CHANNEL, payloadOf(event)]);
          return;
        } catch (error) {
          logger.warn('progress: NOTIFY failed; only this instance hears the event', { error: error instanceof Error ? error.message : String(error) });
        }
      }
      listeners.emit(event);
    },
    subscribe: listeners.subscribe,
    async close() {
      closed = true;
      clearTimeout(timer);
      listeners.clear();
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
