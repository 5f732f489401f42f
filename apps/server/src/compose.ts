import { randomUUID } from 'node:crypto';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { createConnectionService } from './features/connections/connection-service.js';
import { createTenantService } from './features/tenants/tenant-service.js';
import { createLogger, type Logger } from './logger.js';
import { createSqliteStore } from './store/sqlite-store.js';

export const APP_VERSION = '0.1.0';

/** The composition root: builds every module with its dependencies. Tests call it with their own config. */
export async function composeApp(config: Config, logger: Logger = createLogger(config.LOG_LEVEL)) {
  const store = await createSqliteStore(config.DATA_DIR);
  const clock = () => new Date();
  const tenants = createTenantService({ store, clock, newId: randomUUID });
  const connections = createConnectionService({ store, tenants, clock, newId: randomUUID });
  const app = createApp({ config, logger, store, tenants, connections, version: APP_VERSION });
  return { app, store, logger };
}
