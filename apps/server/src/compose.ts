import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseFaultsEnv, startSandbox, type RunningSandbox } from '@tcc/sandbox';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { createConnectionService } from './features/connections/connection-service.js';
import { createTenantService } from './features/tenants/tenant-service.js';
import { createLogger, type Logger } from './logger.js';
import { seedSandboxTenant } from './sandbox/seed-sandbox-tenant.js';
import { createSqliteStore } from './store/sqlite-store.js';

export const APP_VERSION = '0.1.0';

/** The composition root: builds every module with its dependencies. Tests call it with their own config. */
export async function composeApp(config: Config, logger: Logger = createLogger(config.LOG_LEVEL)) {
  const store = await createSqliteStore(config.DATA_DIR);
  const clock = () => new Date();
  const tenants = createTenantService({ store, clock, newId: randomUUID });
  const connections = createConnectionService({ store, tenants, clock, newId: randomUUID });
  let sandbox: RunningSandbox | null = null;
  if (config.SANDBOX === 'on') {
    sandbox = await startSandbox({
      port: config.SANDBOX_PORT,
      stateFile: path.join(config.DATA_DIR, 'sandbox-state.json'),
      faults: parseFaultsEnv(config.SANDBOX_FAULTS),
    });
    if (await seedSandboxTenant({ store, tenants, connections }, sandbox.descriptor)) logger.info('seeded the sandbox demo tenant');
  }
  const sandboxCockpitUrl = sandbox ? `${sandbox.descriptor.baseUrl}/sandbox/` : null;
  const app = createApp({ config, logger, store, tenants, connections, version: APP_VERSION, sandboxCockpitUrl });
  const close = async () => {
    await sandbox?.close();
    await store.close();
  };
  return { app, store, logger, sandbox, close };
}
