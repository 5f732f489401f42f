import type { Config } from '../config.js';
import { createPostgresStore } from './postgres-store.js';
import { createSqliteStore } from './sqlite-store.js';
import type { Store } from './types.js';

/**
 * The store the configuration chooses: PostgreSQL at DATABASE_URL, else the embedded SQLite file in DATA_DIR.
 * DATA_DIR is used either way (the secrets key file, the sandbox's state).
 */
export function openStore(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>, options: { onPoolError?: (error: Error) => void } = {}): Promise<Store> {
  return config.DATABASE_URL ? createPostgresStore(config.DATABASE_URL, options) : createSqliteStore(config.DATA_DIR);
}
