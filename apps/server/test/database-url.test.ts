import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { postgresReachable, TEST_PG_ADMIN_URL } from './support/test-database.js';

const serverRoot = path.resolve(import.meta.dirname, '..');
const pgUp = await postgresReachable();

/** Starts the server entry (`npm start`'s process) with `DATABASE_URL` and answers how it ended and what it printed. */
function startWith(databaseUrl: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: serverRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-dburl-')), PORT: '0', SANDBOX: 'off', HEALTH_CHECKS: 'off', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // A server that started after all would never exit by itself.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not stop within 25 s; stdout: ${stdout}`));
    }, 25_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

/** One line naming where and what to check; never a stack trace, never the password. */
function expectOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('not-the-password');
}

const onTestServer = (database: string, user = 'postgres') => {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.username = user;
  url.pathname = `/${database}`;
  return url.toString();
};

describe.concurrent('a DATABASE_URL the server cannot use stops start-up with one line saying where and what to check', () => {
  it('when nothing listens at the port, then it names host:port/database and says the connection was refused', async () => {
    const { code, stderr } = await startWith('postgres://tcc:not-the-password@127.0.0.1:1/tcc');
    expect(code).toBe(1);
    expectOneLine(stderr, /^Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/tcc \(DATABASE_URL\): connection refused — check that PostgreSQL is running and listens on that host and port\.$/);
  });

  it('when the host name does not resolve, then it says so and names the host', async () => {
    const { code, stderr } = await startWith('postgresql://tcc:not-the-password@no-such-host.invalid:5432/tcc');
    expect(code).toBe(1);
    expectOneLine(stderr, /^Cannot connect to PostgreSQL at no-such-host\.invalid:5432\/tcc \(DATABASE_URL\): the host name does not resolve — check the host in DATABASE_URL\.$/);
  });

  it('when DATABASE_URL is not a PostgreSQL URL, then the configuration is refused with the shape it expects', async () => {
    const { code, stderr } = await startWith('mysql://tcc:not-the-password@127.0.0.1/tcc');
    expect(code).toBe(1);
    expect(stderr).toContain('DATABASE_URL: DATABASE_URL is a PostgreSQL URL such as postgres://user:password@host:5432/database');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toContain('not-the-password');
  });

  it.skipIf(!pgUp)('when the database does not exist on the server, then it says to create it or fix the name', async () => {
    const { code, stderr } = await startWith(onTestServer('tcc_no_such_database'));
    expect(code).toBe(1);
    expectOneLine(stderr, /^Cannot connect to PostgreSQL at 127\.0\.0\.1:5432\/tcc_no_such_database \(DATABASE_URL\): database "tcc_no_such_database" does not exist — create the database or fix its name in DATABASE_URL\.$/);
  });

  it.skipIf(!pgUp)('when the server refuses the user, then it names the user problem and what to check', async () => {
    const url = new URL(onTestServer('test', 'no_such_role'));
    url.password = 'not-the-password';
    const { code, stderr } = await startWith(url.toString());
    expect(code).toBe(1);
    expectOneLine(stderr, /^Cannot connect to PostgreSQL at 127\.0\.0\.1:5432\/test \(DATABASE_URL\): (role "no_such_role" does not exist — check the user|password authentication failed — check the user and password)/);
  });
});
