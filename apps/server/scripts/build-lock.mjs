// One build at a time per checkout. Two `npm start` at once (two service instances after a deploy) would otherwise
// both find the output stale and both replace it: one fails (ENOTEMPTY) or deletes the other's fresh build just
// before that one loads it. Whoever takes the lock checks freshness again under it, so the second builds nothing.
//
// Hand-written rather than proper-lockfile: no lock library is installed, and this needs only an exclusive create
// (open with 'wx', atomic on local file systems) plus taking over the lock of a process that is gone.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
/** Inside node_modules: per checkout, never committed, and present whenever a build can run (esbuild, Vite). */
export const buildLockFile = path.join(root, 'node_modules/.cache/tcc-build.lock');

/** A build takes well under a minute; a lock older than this is left over (its pid reused by another process). */
const MAX_LOCK_AGE_MS = 15 * 60_000;
/** A holder writes its pid right after creating the file; an empty file older than this is from one that died. */
const UNWRITTEN_LOCK_AGE_MS = 10_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs fn while holding the checkout's build lock; waits up to timeoutMs for another build to finish. */
export async function withBuildLock(fn, { lockFile = buildLockFile, timeoutMs = 10 * 60_000, pollMs = 200 } = {}) {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let fd;
  let announced = false;
  for (;;) {
    try {
      fd = fs.openSync(lockFile, 'wx');
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    if (breakIfStale(lockFile)) continue;
    if (Date.now() > deadline) throw new Error(`another build still holds ${lockFile} after ${timeoutMs / 1000} s; delete the file if no build runs`);
    if (!announced) console.log(`waiting for another build to finish (${path.relative(root, lockFile)})`);
    announced = true;
    await sleep(pollMs);
  }
  try {
    fs.writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
    fs.closeSync(fd);
    return await fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

/** Whether the lock's holder is gone (or the lock is too old to be a build's); false when the lock is already gone. */
function isStale(lockFile) {
  let text;
  let stat;
  try {
    stat = fs.statSync(lockFile);
    text = fs.readFileSync(lockFile, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return false;
    throw error;
  }
  const age = Date.now() - stat.mtimeMs;
  if (age > MAX_LOCK_AGE_MS) return true;
  let pid;
  try {
    pid = JSON.parse(text).pid;
  } catch {
    // Not written yet (or cut short): stale only once its holder has had ample time to write it.
  }
  if (!Number.isInteger(pid)) return age > UNWRITTEN_LOCK_AGE_MS;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH';
  }
}

/**
 * Removes a stale lock; true when it did. Two waiters may find the same stale lock: the one that holds the breaker file
 * looks again and removes it, so that no waiter removes a lock another has just taken in its place.
 */
function breakIfStale(lockFile) {
  const breaker = `${lockFile}.break`;
  let fd;
  try {
    fd = fs.openSync(breaker, 'wx');
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    // Breaking takes microseconds: a breaker file this old is from a process that died while breaking.
    try {
      if (Date.now() - fs.statSync(breaker).mtimeMs > UNWRITTEN_LOCK_AGE_MS) fs.rmSync(breaker, { force: true });
    } catch (statError) {
      if (statError.code !== 'ENOENT') throw statError;
    }
    return false;
  }
  try {
    if (!isStale(lockFile)) return false;
    fs.rmSync(lockFile, { force: true });
    console.log(`took over the build lock of a process that is gone (${path.relative(root, lockFile)})`);
    return true;
  } finally {
    fs.closeSync(fd);
    fs.rmSync(breaker, { force: true });
  }
}
