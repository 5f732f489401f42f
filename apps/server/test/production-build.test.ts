import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/bootstrap-users.js';
import { TEST_STORE, testStoreEnv } from './support/test-database.js';
import { apiClient } from './support/test-server.js';

/**
 * Issue 11, "Production server build": `npm start` runs the compiled bundle with plain Node. This builds the server when
 * stale, as `npm start` does, and runs the command `npm start` ends with (`node --enable-source-maps
 * apps/server/dist/index.js`) — sandbox on, defaults for every path — from an unrelated working directory: it must
 * serve, load no TypeScript tooling and stop cleanly on SIGTERM. The sources are tested everywhere else; this tests
 * the bundle.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const distEntry = path.join(root, 'apps/server/dist/index.js');
/** The command `npm start` ends with (after building what is stale), which this runs as it is. */
const startCommand = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start as string).split('&&').at(-1)!.trim().split(/\s+/);
const loadLogger = pathToFileURL(path.join(import.meta.dirname, 'support/log-module-loads.mjs')).href;
/** What must never be loaded by the production process: TypeScript compilers and loaders, and our .ts sources. */
const TYPESCRIPT_TOOLING = /\/node_modules\/(tsx|typescript|esbuild|@esbuild)\/|\.[mc]?ts$/;

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-production-'));
const dataDir = path.join(workDir, 'data');
const loadLog = path.join(workDir, 'modules.log');
let server: ChildProcess;
let output = '';
let baseUrl = '';

/** Resolves with the first match of `pattern` in the server's output so far or to come. */
const printed = (pattern: RegExp, timeoutMs = 30_000) =>
  new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not print ${pattern} within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const look = () => {
      const match = output.match(pattern);
      if (match) {
        clearTimeout(timer);
        server.stdout!.off('data', look);
        resolve(match);
      }
    };
    server.stdout!.on('data', look);
    server.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
    look();
  });

beforeAll(async () => {
  // The server only: building the web app here could race first-load.test.ts building it in the same run.
  const build = spawnSync(process.execPath, ['apps/server/scripts/build.mjs', '--if-stale'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the server build failed:\n${build.stdout}\n${build.stderr}`);
  // Nothing inherited may preload a loader (NODE_OPTIONS=--import tsx would hide a bundle that needs one).
  const { NODE_OPTIONS: _inherited, ...env } = process.env;
  // The module logger first, so that anything imported after it, a preloaded loader included, is logged.
  const [, ...nodeArgs] = startCommand;
  server = spawn(process.execPath, ['--import', loadLogger, ...nodeArgs.slice(0, -1), path.join(root, nodeArgs.at(-1)!)], {
    cwd: workDir,
    env: { ...env, ...(await testStoreEnv(dataDir)), PORT: '0', DATA_DIR: dataDir, SANDBOX_PORT: '0', HEALTH_CHECKS: 'off', LOG_LEVEL: 'warn', MODULE_LOAD_LOG: loadLog },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  baseUrl = (await printed(/running at (http:\/\/127\.0\.0\.1:\d+)\//))[1]!;
}, 600_000);

afterAll(() => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('production build (issue 11)', () => {
  it('when npm start has built what is stale, then it runs the bundle with plain node', () => {
    expect(startCommand[0]).toBe('node');
    expect(startCommand.at(-1)).toBe(path.relative(root, distEntry));
    expect(startCommand.filter((arg) => /tsx|typescript|ts-node|loader/.test(arg))).toEqual([]);
  });

  it('when built, then dist/index.js imports npm packages by name and bundles our workspaces, with no TypeScript tooling', () => {
    const code = fs.readFileSync(distEntry, 'utf8');
    const imported = [...code.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)|(?:^|\n)\s*import\s*"([^"]+)"/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    expect(imported).toEqual(expect.arrayContaining(['express', 'better-sqlite3', 'pg', 'pg-boss', 'kysely', 'zod']));
    expect(imported.filter((specifier) => /^(tsx|typescript|esbuild)(\/|$)|^@tcc\/|\.[mc]?ts$/.test(specifier!))).toEqual([]);
  });

  it('when started with plain node, then /api/health answers and the process loaded our bundle and no TypeScript tooling', async () => {
    const health = await fetch(`${baseUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: TEST_STORE });
    const loaded = fs.readFileSync(loadLog, 'utf8').trim().split('\n');
    expect(loaded).toContain(pathToFileURL(distEntry).href);
    expect(loaded.some((url) => url.includes('/node_modules/express/'))).toBe(true);
    expect(loaded.filter((url) => TYPESCRIPT_TOOLING.test(url))).toEqual([]);
  });

  it('when the demo admin signs in, then the sandbox tenant and the sandbox itself are there', async () => {
    const api = apiClient(baseUrl);
    await api.signIn('demo-admin', DEMO_PASSWORD);
    const tenants = await api.get('/api/tenants');
    expect(tenants.body.items.map((tenant: { name: string }) => tenant.name)).toContain('Sandbox demo');
    const sandboxUrl = (await printed(/SAP sandbox on at (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
    expect((await fetch(`${sandboxUrl}/sandbox/`)).status).toBe(200);
  });

  it('when the page is asked for, then it comes from apps/web/dist, found from the bundle\'s own location', async () => {
    // `npm start` builds the web app first; a bare `npx vitest run` may not have (first-load.test.ts builds it then).
    const indexFile = path.join(root, 'apps/web/dist/index.html');
    const built = fs.existsSync(indexFile) ? fs.readFileSync(indexFile, 'utf8') : null;
    const page = await fetch(`${baseUrl}/`);
    expect({ status: page.status, body: await page.text() }).toEqual(
      built === null ? { status: 503, body: expect.stringContaining('The web app is not built yet') } : { status: 200, body: built },
    );
  });

  it('when sent SIGTERM, then it shuts down by itself with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
