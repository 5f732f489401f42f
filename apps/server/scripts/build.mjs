// `npm run build -w @tcc/server`: the server as JavaScript in dist/ (index.js, rotate-secrets-main.js, source maps),
// so production runs plain `node dist/index.js` without a TypeScript compiler in the process.
//   node scripts/build.mjs             build
//   node scripts/build.mjs --if-stale  build unless dist/ is of the current sources (what `npm start` runs)
//   node scripts/build.mjs --check     exit 0 when dist/ is of the current sources, 1 otherwise
//
// Why esbuild rather than tsc emit: our workspace packages (@tcc/shared, @tcc/sandbox) export their TypeScript source,
// and the sources import each other with moduleResolution "bundler"; tsc would emit each workspace separately and
// Node could still not load @tcc/shared's .ts exports. esbuild bundles our own code into one file per entry (about
// 0.3 s) and leaves every npm package external, loaded from node_modules as it is (native better-sqlite3 and argon2
// included). Type checking stays with `tsc -b`. `npm start` runs the bundle with --enable-source-maps, so stack traces
// name the .ts lines; measured by `npm run bench:start`, it adds no memory and tens of milliseconds at start.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceFingerprint } from '../../../scripts/source-fingerprint.mjs';
import { withBuildLock } from './build-lock.mjs';

const server = path.resolve(import.meta.dirname, '..');
const root = path.resolve(server, '../..');
export const serverDist = path.join(server, 'dist');
const infoFile = path.join(serverDist, 'build-info.json');
const ENTRIES = ['src/index.ts', 'src/rotate-secrets-main.ts'];

/** A hash of everything the server bundle is made of besides node_modules (package-lock.json stands for those); tests aside. */
export function serverSourceFingerprint() {
  return sourceFingerprint(root, {
    dirs: ['apps/server/src', 'apps/sandbox/src', 'packages/shared/src'],
    files: [
      ...['apps/server', 'apps/sandbox', 'packages/shared'].map((dir) => `${dir}/package.json`),
      // esbuild reads tsconfig (class fields, module syntax); this script holds the build options.
      'package-lock.json',
      'tsconfig.base.json',
      'apps/server/tsconfig.json',
      path.relative(root, fileURLToPath(import.meta.url)),
    ],
  });
}

/** Whether dist/ holds every entry, built from the sources as they are now. */
export function serverBuildIsFresh() {
  if (!ENTRIES.every((entry) => fs.existsSync(path.join(serverDist, `${path.basename(entry, '.ts')}.js`)))) return false;
  const recorded = fs.existsSync(infoFile) ? JSON.parse(fs.readFileSync(infoFile, 'utf8')).sources : null;
  return recorded === serverSourceFingerprint();
}

/**
 * Bundles our workspace code; every other bare import (npm packages) stays an import, resolved from node_modules at
 * run time. Such an import in @tcc/sandbox or @tcc/shared must resolve from apps/server to the same package, else the
 * bundle would load another copy (or none): the build fails then, naming it.
 */
const npmPackagesExternal = {
  name: 'npm-packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@tcc/') || args.pluginData?.checking) return undefined;
      if (args.resolveDir.startsWith(server + path.sep)) return { path: args.path, external: true };
      const kind = args.kind;
      const [fromImporter, fromServer] = await Promise.all(
        [args.resolveDir, server].map((resolveDir) => build.resolve(args.path, { kind, resolveDir, pluginData: { checking: true } })),
      );
      if (fromServer.errors.length === 0 && fromImporter.path === fromServer.path) return { path: args.path, external: true };
      return { errors: [{ text: `${args.path} (imported by ${path.relative(root, args.importer)}) does not resolve to the same file from apps/server: add it to @tcc/server's dependencies at the same version` }] };
    });
  },
};

export async function buildServer() {
  const { build } = await import('esbuild');
  const started = performance.now();
  // Taken before building: a source edited during the build leaves dist/ stale (rebuilt next time), never falsely fresh.
  const sources = serverSourceFingerprint();
  // Built beside dist/ and swapped in when complete: a failed build leaves the last good one, a running server's
  // files are replaced whole (nothing of an older build stays behind). The swap is two steps, not atomic: callers
  // hold the build lock (build-lock.mjs), so that no other build removes or replaces dist/ in between.
  const staging = `${serverDist}.building-${process.pid}`;
  try {
    await build({
      absWorkingDir: server,
      entryPoints: ENTRIES,
      outdir: staging,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: true,
      logLevel: 'warning',
      plugins: [npmPackagesExternal],
    });
    fs.writeFileSync(path.join(staging, path.basename(infoFile)), `${JSON.stringify({ sources }, null, 2)}\n`);
    fs.rmSync(serverDist, { recursive: true, force: true });
    fs.renameSync(staging, serverDist);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  console.log(`server built into ${path.relative(root, serverDist)} in ${Math.round(performance.now() - started)} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) process.exit(serverBuildIsFresh() ? 0 : 1);
  // Under the checkout's build lock, freshness checked once it is held: another build may just have finished.
  await withBuildLock(async () => {
    if (process.argv.includes('--if-stale') && serverBuildIsFresh()) console.log('server: dist is up to date');
    else await buildServer();
  });
}
