#!/usr/bin/env node
// `npm start` runs this before `node apps/server/dist/index.js`: builds the web app and the server only when their
// output is missing or not of the current sources (each compares a hash of its sources with the one its last build
// recorded), so a start without changes builds nothing.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { withBuildLock } from '../apps/server/scripts/build-lock.mjs';
import { buildServer, serverBuildIsFresh } from '../apps/server/scripts/build.mjs';

const root = path.resolve(import.meta.dirname, '..');

// Under the checkout's build lock (two `npm start` at once: two service instances after a deploy), each output's
// freshness checked once the lock is held, so that the second start builds nothing and never replaces the first's.
await withBuildLock(async () => {
  // The web app's check is the one `npm test` and the e2e run use (apps/web/scripts/first-load.mjs).
  if (spawnSync(process.execPath, ['apps/web/scripts/first-load.mjs', '--check'], { cwd: root }).status === 0) {
    console.log('web app: apps/web/dist is up to date');
  } else {
    const build = spawnSync('npm', ['run', 'build', '--silent', '-w', '@tcc/web'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) {
      process.exitCode = build.status ?? 1;
      return;
    }
  }

  if (serverBuildIsFresh()) console.log('server: apps/server/dist is up to date');
  else await buildServer();
});
