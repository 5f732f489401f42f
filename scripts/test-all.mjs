#!/usr/bin/env node
// Runs every suite in order (typecheck, unit + integration, e2e) and ends with one line:
// `tests: N passed, M failed`, counting every test of every suite. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

const run = (label, command, args, env = {}) => {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
};

const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

const suites = [];

const typecheck = run('typecheck', 'npx', ['tsc', '-b']);
suites.push({ name: 'typecheck', passed: typecheck === 0 ? 1 : 0, failed: typecheck === 0 ? 0 : 1 });

// The web build before the unit run (unless dist/ is of the current sources): first-load.test.ts reads its first-load
// report and would otherwise build inside the parallel unit run, slowing every other test; e2e then reuses it.
if (spawnSync(process.execPath, ['apps/web/scripts/first-load.mjs', '--check'], { cwd: root }).status !== 0) {
  run('web build', 'npm', ['run', 'build', '--silent']);
}

const vitestJson = path.join(results, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
const vitest = run('unit and integration', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`]);
const v = readJson(vitestJson);
suites.push({
  name: 'unit and integration',
  passed: v?.numPassedTests ?? 0,
  failed: v ? v.numFailedTests + (vitest !== 0 && v.numFailedTests === 0 ? 1 : 0) : 1,
});

// The server's integration and store tests again on PostgreSQL (TEST_STORE=postgres: a fresh database per test
// server, made on TEST_PG_ADMIN_URL). Skipped, visibly, only when no server answers there; CI starts one (.ci/run).
const pgAdminUrl = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pgWhere = (() => {
  const url = new URL(pgAdminUrl);
  return `${url.hostname}:${url.port || 5432}`;
})();
const onPostgres = async (work) => {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: pgAdminUrl, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};
const pgUp = await onPostgres(async () => true).catch(() => false);
if (pgUp) {
  // Each run names its databases with its own prefix and drops what is left of them at the end (a crashed worker's).
  const prefix = `tcc_t_${Date.now().toString(36)}_`;
  const pgJson = path.join(results, 'vitest-postgres.json');
  fs.rmSync(pgJson, { force: true });
  const status = run('postgres', 'npx', ['vitest', 'run', 'apps/server/test', 'apps/server/src/auth/bearer-principal.test.ts', '--reporter=default', '--reporter=json', `--outputFile=${pgJson}`], {
    TEST_STORE: 'postgres',
    TEST_PG_ADMIN_URL: pgAdminUrl,
    TEST_PG_DATABASE_PREFIX: prefix,
  });
  const r = readJson(pgJson);
  suites.push({ name: 'postgres', passed: r?.numPassedTests ?? 0, failed: r ? r.numFailedTests + (status !== 0 && r.numFailedTests === 0 ? 1 : 0) : 1 });
  await onPostgres(async (client) => {
    const { rows } = await client.query('select datname from pg_database where starts_with(datname, $1)', [prefix]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
  }).catch((error) => console.log(`postgres: could not drop the run's test databases: ${error.message}`));
} else {
  console.log(`\n=== postgres: skipped — no server at ${pgWhere}`);
  // CI promises a server (.ci/run starts one): there, its absence is a failure rather than a skip.
  const required = process.env.TEST_REQUIRE_POSTGRES === '1';
  suites.push({ name: 'postgres', skipped: `skipped — no server at ${pgWhere}${required ? ' (TEST_REQUIRE_POSTGRES=1: counted as failed)' : ''}`, passed: 0, failed: required ? 1 : 0 });
}

const playwrightJson = path.join(results, 'playwright.json');
fs.rmSync(playwrightJson, { force: true });
const e2e = run('e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });
const p = readJson(playwrightJson);
const e2ePassed = p ? p.stats.expected + p.stats.flaky : 0;
const e2eFailed = p ? p.stats.unexpected + (e2e !== 0 && p.stats.unexpected === 0 ? 1 : 0) : 1;
suites.push({ name: 'e2e', passed: e2ePassed, failed: e2eFailed });

console.log('');
for (const suite of suites) console.log(suite.skipped ? `${suite.name}: ${suite.skipped}` : `${suite.name}: ${suite.passed} passed, ${suite.failed} failed`);
const passed = suites.reduce((sum, s) => sum + s.passed, 0);
const failed = suites.reduce((sum, s) => sum + s.failed, 0);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
