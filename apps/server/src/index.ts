import path from 'node:path';
import { DEMO_PASSWORD } from './auth/bootstrap-users.js';
import { composeApp } from './compose.js';
import { loadConfig } from './config.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const { app, logger, sandbox, runProgress, close } = await composeApp(config);
  const server = app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const shownHost = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
    console.log(`Task Center Connect is running at http://${shownHost}:${port}/  (data: ${config.DATA_DIR})`);
    if (sandbox) {
      console.log(`SAP sandbox on at ${sandbox.descriptor.baseUrl} (tenant "Sandbox demo"); set SANDBOX=off for real use.`);
      console.log(`  Sign in as demo-admin with the password ${DEMO_PASSWORD}.`);
      console.log(`  Its Destination service key, S/4 hosts and users: ${path.join(config.DATA_DIR, 'sandbox.json')} and ${sandbox.descriptor.baseUrl}/sandbox/`);
      console.log('  On the "Sandbox" connection, the button "Fill from the sandbox" sets them for you.');
    }
  });
  const stop = () => {
    logger.info('shutting down');
    // Live-progress streams stay open until their run ends: end them, or close() would wait for them.
    runProgress.endAll();
    server.close(() => void close().then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
