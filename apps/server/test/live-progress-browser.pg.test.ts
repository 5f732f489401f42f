import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import type { RunningSandbox } from '@tcc/sandbox';
import type { AutomationRun } from '@tcc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/bootstrap-users.js';
import { killProcess, randomBasePort, startServerProcess, type ServerProcess } from './support/server-process.js';
import { saveSandboxCredentials, signedInOnDemo, startSharedSandbox } from './support/shared-sandbox.js';
import { testDatabaseUrl } from './support/test-database.js';
import type { ApiClient } from './support/test-server.js';

/**
 * Issue 11, Done-when 2, its browser part: a browser following live progress on instance B sees every step of a run
 * executing on instance C. Three server processes on one PostgreSQL database: the credentials are saved through A;
 * A and B execute no jobs (JOB_WORKERS=off), so the run the admin starts in the browser on B can only execute on C,
 * and B's event stream can only learn of each unit's change through PostgreSQL NOTIFY. Runs in the PostgreSQL pass of `npm test` (*.pg.test.ts).
 * The web app is the one `npm run build` made (scripts/test-all.mjs builds it before this pass).
 */
const webDist = path.resolve(import.meta.dirname, '../../web/dist');
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) => fs.existsSync(file));
const BASE_PORT = randomBasePort();

let sandbox: RunningSandbox;
let browser: Browser;
const servers: ServerProcess[] = [];
let b: ServerProcess;
let onA: ApiClient;
let connectionBase = '';

beforeAll(async () => {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) throw new Error(`no web build in ${webDist}: run npm run build first`);
  // 250 ms per SAP call: every unit stays running long enough for the page to render it.
  const { sandbox: started, descriptorFile } = await startSharedSandbox(250);
  sandbox = started;
  const shared = {
    DATABASE_URL: await testDatabaseUrl(fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-live-browser-db-'))),
    SECRETS_KEY: randomBytes(32).toString('base64'),
    SANDBOX: 'external',
    SANDBOX_DESCRIPTOR: descriptorFile,
    WEB_DIST: webDist,
    JOB_POLL_SECONDS: '0.5',
  };
  // One after the other: C migrates and seeds the demo tenant, A and B find them.
  servers.push(await startServerProcess('C', BASE_PORT, shared));
  const a = await startServerProcess('A', BASE_PORT + 1, { ...shared, JOB_WORKERS: 'off' });
  servers.push(a);
  b = await startServerProcess('B', BASE_PORT + 2, { ...shared, JOB_WORKERS: 'off' });
  servers.push(b);
  // The credentials, saved through A: what B shows and C uses comes from the shared database.
  ({ api: onA, base: connectionBase } = await signedInOnDemo(a.url));
  await saveSandboxCredentials(onA, connectionBase, sandbox);
  browser = await chromium.launch(
    systemChromium ? { executablePath: systemChromium, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] } : {},
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map(({ child }) => killProcess(child)));
  await sandbox?.close();
});

describe('live progress in the browser, across instances', () => {
  it('when the admin starts a run in the browser on B and it executes on C, then the page on B shows every unit running and then done, from the event stream', async () => {
    const page = await browser.newPage({ baseURL: b.url, viewport: { width: 1440, height: 900 } });
    const streams: number[] = [];
    let polls = 0;
    page.on('response', (response) => {
      if (response.url().endsWith('/automation/runs/latest/events')) streams.push(response.status());
      if (response.url().endsWith('/automation/runs/latest')) polls += 1;
    });

    await page.goto('/');
    await page.getByLabel('User name').first().fill('demo-admin');
    await page.getByLabel('Password').first().fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Sandbox demo' }).click();
    await page.getByRole('link', { name: 'Sandbox', exact: true }).click();
    await page.getByRole('button', { name: 'Set up automatically' }).click();
    const dialog = page.locator('ui5-dialog[open]');
    await dialog.locator('.plan-unit').first().waitFor({ timeout: 30_000 });

    // Every state each unit shows, in the order the page showed them, recorded as the DOM changes.
    // (A script string: this file is compiled for Node, without the DOM's types.)
    await page.evaluate(`(() => {
      const seen = (window.seenUnits = []);
      const record = () => {
        for (const unit of document.querySelectorAll('.run-unit')) {
          const entry = unit.getAttribute('data-unit') + ':' + unit.getAttribute('data-status');
          if (!seen.includes(entry)) seen.push(entry);
        }
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
    })()`);
    const pollsBefore = polls;
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    const progress = page.getByTestId('run-progress');
    await progress.and(page.locator('[data-run-status="succeeded"]')).waitFor({ timeout: 90_000 });

    const seen = (await page.evaluate('window.seenUnits')) as string[];
    const final = (await onA.get(`${connectionBase}/automation/runs/latest`)).body as AutomationRun;
    expect(final.status).toBe('succeeded');
    expect(final.units.length).toBeGreaterThanOrEqual(7);
    for (const { unit } of final.units) {
      const done = seen.indexOf(`${unit}:done`);
      expect(done, `${unit} shown done; seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(0);
      // A unit that called SAP was running for at least one 250 ms call: the page showed it. (One that only reuses what
      // the preflight read is running for no measurable time.)
      if (!final.calls.some((call) => call.unit === unit)) continue;
      const running = seen.indexOf(`${unit}:running`);
      expect(running, `${unit} shown running; seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(0);
      expect(done, `${unit} shown done after running; seen: ${seen.join(', ')}`).toBeGreaterThan(running);
    }
    // It came by the stream, opened on B, not by polling.
    expect(streams).toContain(200);
    expect(polls - pollsBefore, 'polls of the latest run while its stream was open').toBeLessThanOrEqual(1);
    await page.close();
  }, 120_000);
});
