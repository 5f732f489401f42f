import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { describeDatabaseUrl, StoreUnavailableError } from '../store/postgres-store.js';
import type { Store } from '../store/types.js';
import { createLocalProgressBus } from './local-progress-bus.js';
import { createPgProgressBus } from './pg-progress-bus.js';
import type { ProgressBus } from './progress-bus.js';

/** The bus for the store: LISTEN/NOTIFY beside a PostgreSQL store (several instances), in-process beside SQLite. */
export async function openProgressBus(store: Pick<Store, 'kind'>, config: Pick<Config, 'DATABASE_URL'>, logger: Logger): Promise<ProgressBus> {
  const url = config.DATABASE_URL;
  if (store.kind !== 'postgres' || !url) return createLocalProgressBus();
  try {
    return await createPgProgressBus({ clientConfig: { connectionString: url, connectionTimeoutMillis: 10_000, application_name: 'task-center-connect progress' }, logger });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new StoreUnavailableError(`Cannot open the live-progress connection (LISTEN) to PostgreSQL at ${describeDatabaseUrl(url)}: ${reason}.`);
  }
}
