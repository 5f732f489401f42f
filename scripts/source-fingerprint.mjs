import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A hash of what a build reads besides node_modules (package-lock.json stands for those): every file under `dirs`
 * except tests, and the single `files`, all as paths relative to `root`. The web build (apps/web/scripts/first-load.mjs)
 * and the server build (apps/server/scripts/build.mjs) record it, so a start rebuilds only what changed.
 */
export function sourceFingerprint(root, { dirs, files }) {
  const all = files.map((file) => path.join(root, file));
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (!entry.name.endsWith('.test.ts')) all.push(file);
    }
  };
  for (const dir of dirs) walk(path.join(root, dir));
  const hash = createHash('sha256');
  for (const file of all.sort()) hash.update(`${path.relative(root, file)}\0`).update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}
