import fs from 'node:fs';
import { defineConfig } from '@playwright/test';
import { ADMIN_STATE } from './e2e/support/state-files.js';

const port = Number(process.env.E2E_PORT ?? 3101);
/** A second server with the built-in SAP sandbox on, as `npm start` runs it. */
const sandboxPort = port + 1;
/** Two more, whose sandboxes settle every undocumented SAP choice the hardest and the easiest way (SANDBOX_PROFILE). */
const strictPort = port + 2;
const lenientPort = port + 3;
/** Debian's chromium where it exists (Playwright cannot download browsers here); Playwright's own browser elsewhere. */
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) => fs.existsSync(file));

export default defineConfig({
  testDir: 'e2e/tests',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: systemChromium
      ? {
          executablePath: systemChromium,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        }
      : {},
  },
  // The first-run story needs the app empty, as a new admin finds it; the other stories arrange their own data.
  projects: [
    { name: 'first-run', testMatch: /guided-setup\.spec\.ts/ },
    // Signs in through the UI once and keeps the session for the stories that follow.
    { name: 'sign-in', testMatch: /sign-in\.setup\.ts/, dependencies: ['first-run'] },
    {
      name: 'stories',
      testIgnore: /(guided-setup|sandbox|assisted-setup|assisted-setup-profiles|new-sandbox-connection|health|trust-rotation)\.spec\.ts|\.setup\.ts/,
      dependencies: ['sign-in'],
      use: { storageState: ADMIN_STATE },
    },
    // The sandbox tour reads the demo connection as seeded; assisted setup then completes it, so it runs second.
    { name: 'sandbox-tour', testMatch: /sandbox\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${sandboxPort}` } },
    { name: 'sandbox', testMatch: /assisted-setup\.spec\.ts/, dependencies: ['sandbox-tour'], use: { baseURL: `http://127.0.0.1:${sandboxPort}` } },
    // A newcomer's own tenant and connections to the same sandbox, by hand and assisted, after the demo connection is set
    // up: a subaccount holds one destination per S/4HANA system, so they take over the demo's S4HANACloud destination.
    { name: 'sandbox-new', testMatch: /new-sandbox-connection\.spec\.ts/, dependencies: ['sandbox'], use: { baseURL: `http://127.0.0.1:${sandboxPort}` } },
    { name: 'sandbox-strict', testMatch: /assisted-setup-profiles\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${strictPort}` } },
    { name: 'sandbox-lenient', testMatch: /assisted-setup-profiles\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${lenientPort}` } },
    // Health: breaks the lenient sandbox's demo connection (set up by the profiles story) and repairs it.
    { name: 'sandbox-health', testMatch: /health\.spec\.ts/, dependencies: ['sandbox-lenient'], use: { baseURL: `http://127.0.0.1:${lenientPort}` } },
    // Certificate rotation on the same demo connection once the health story has left it healthy.
    { name: 'sandbox-rotation', testMatch: /trust-rotation\.spec\.ts/, dependencies: ['sandbox-health'], use: { baseURL: `http://127.0.0.1:${lenientPort}` } },
  ],
  webServer: [
    {
      // Builds unless apps/web/dist is of the current sources (npm test has built it before the unit run).
      command: '(node apps/web/scripts/first-load.mjs --check || npm run build --silent) && node e2e/serve.mjs',
      url: `http://127.0.0.1:${port}/api/health`,
      env: { E2E_PORT: String(port) },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The first server's command has built the web app by the time this one is asked for.
      command: 'node e2e/serve.mjs',
      url: `http://127.0.0.1:${sandboxPort}/api/health`,
      env: { E2E_PORT: String(sandboxPort), E2E_SANDBOX: 'on' },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    ...(
      [
        [strictPort, 'strict'],
        [lenientPort, 'lenient'],
      ] as const
    ).map(([profilePort, profile]) => ({
      command: 'node e2e/serve.mjs',
      url: `http://127.0.0.1:${profilePort}/api/health`,
      env: { E2E_PORT: String(profilePort), E2E_SANDBOX: 'on', SANDBOX_PROFILE: profile },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore' as const,
      stderr: 'pipe' as const,
    })),
  ],
});
