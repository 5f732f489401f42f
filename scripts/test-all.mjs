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

const vitestJson = path.join(results, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
const vitest = run('unit and integration', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`]);
const v = readJson(vitestJson);
suites.push({
  name: 'unit and integration',
  passed: v?.numPassedTests ?? 0,
  failed: v ? v.numFailedTests + (vitest !== 0 && v.numFailedTests === 0 ? 1 : 0) : 1,
});

const playwrightJson = path.join(results, 'playwright.json');
fs.rmSync(playwrightJson, { force: true });
const e2e = run('e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });
const p = readJson(playwrightJson);
const e2ePassed = p ? p.stats.expected + p.stats.flaky : 0;
const e2eFailed = p ? p.stats.unexpected + (e2e !== 0 && p.stats.unexpected === 0 ? 1 : 0) : 1;
suites.push({ name: 'e2e', passed: e2ePassed, failed: e2eFailed });

console.log('');
for (const suite of suites) console.log(`${suite.name}: ${suite.passed} passed, ${suite.failed} failed`);
const passed = suites.reduce((sum, s) => sum + s.passed, 0);
const failed = suites.reduce((sum, s) => sum + s.failed, 0);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
