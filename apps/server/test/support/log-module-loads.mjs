// `node --import <this file's URL> app.js` with MODULE_LOAD_LOG=<file>: appends the URL of every module the process
// imports (ESM resolution, which is how tsx or a .ts file would come in) to that file, one per line, and changes
// nothing else. production-build.test.ts reads it to prove the compiled server loads no TypeScript tooling.
import fs from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

// Imported twice: by --import on the main thread, which registers this same file as hooks, and then on Node's
// hooks thread, where only the hooks below are used.
if (isMainThread) register(import.meta.url, { data: process.env.MODULE_LOAD_LOG });

let logFile = '';

export function initialize(file) {
  logFile = file;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (logFile) fs.appendFileSync(logFile, `${resolved.url}\n`);
  return resolved;
}
