// Starts the real server for the e2e run on a fresh, empty data directory (the sandbox only where E2E_SANDBOX=on).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const port = process.env.E2E_PORT ?? '3101';
const dataDir = path.join(root, `e2e/.tmp/data-${port}`);
// Test only: alert webhooks to https://hooks.receiver.test/… reach the e2e receiver on loopback (e2e/support/webhook-receiver.ts),
// as sandbox hosts stand in for SAP. The server allows such a host only when ALERTS_WEBHOOK_TEST_HOSTS names it.
const webhookTestHosts = `hooks.receiver.test=http://127.0.0.1:${Number(port) + 50}`;
fs.rmSync(dataDir, { recursive: true, force: true });
const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/index.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PORT: port, DATA_DIR: dataDir, LOG_LEVEL: 'warn', SANDBOX: process.env.E2E_SANDBOX ?? 'off', SANDBOX_PORT: '0', INITIAL_ADMIN_PASSWORD: 'e2e-admin-password-2026', HEALTH_CHECKS: process.env.E2E_HEALTH_CHECKS ?? 'off', ALERTS_WEBHOOK_TEST_HOSTS: webhookTestHosts },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
