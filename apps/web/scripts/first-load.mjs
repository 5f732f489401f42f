// The JavaScript a browser must download before the sign-in page and the dashboard show, beside the bare UI5 page's
// (bare-ui5.html, built with the app's Vite config in the same `npm run build`): raw, gzip (level 9) and brotli (quality
// 11), printed as a table and written to dist/first-load.json, which apps/web/src/first-load.test.ts holds to the
// budget. A page's first load = the entry chunk and its static imports, plus, for each lazy route the page renders
// (src/app/router.tsx), that route's chunk and its static imports, plus the chunks it imports before it is usable
// (src/lib/contracts.ts, at the first API call); chunks loaded later by import() (dialogs, illustrations) are not counted.
//   node scripts/first-load.mjs --check   exit 0 when dist/first-load.json was built from the current sources
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { sourceFingerprint as fingerprint } from '../../../scripts/source-fingerprint.mjs';

const web = path.resolve(import.meta.dirname, '..');
const root = path.resolve(web, '../..');
export const appDist = path.join(web, 'dist');
export const bareDist = path.join(web, 'dist-bare');
const reportFile = path.join(appDist, 'first-load.json');

/** Printed beside the figures; apps/web/src/first-load.test.ts holds its own copy, so the build cannot loosen it. */
const BUDGET = { gzipRatio: 1.3, brotliBytes: 250_000 };

/**
 * What each page needs on a first visit besides the entry: the route modules it renders (src/app/router.tsx; the
 * sign-in page is in the entry chunk) and the dynamic imports it awaits before it shows its content. The dashboard
 * asks the API (/me, the tenants) at once, so the contracts chunk the API client loads with its first call is part of
 * its first load; the sign-in page asks nothing until the form is sent.
 */
const PAGES = [
  { page: 'sign-in', dist: appDist, entry: 'index.html', routes: ['src/app/routes/sign-in.tsx'] },
  { page: 'dashboard', dist: appDist, entry: 'index.html', routes: ['src/app/shell.tsx', 'src/app/routes/dashboard.tsx', 'src/lib/contracts.ts'] },
];
const BARE = { page: 'bare UI5', dist: bareDist, entry: 'bare-ui5.html', routes: [] };

/** A hash of everything the web build reads besides node_modules (package-lock.json stands for those); tests aside. */
export function sourceFingerprint() {
  return fingerprint(root, {
    dirs: ['apps/web/src', 'apps/web/scripts', 'packages/shared/src'],
    files: [
      ...['index.html', 'bare-ui5.html', 'vite.config.ts', 'package.json', 'tsconfig.json'].map((name) => `apps/web/${name}`),
      // Also read by the build: shared's package.json ("sideEffects": false lets the bundler drop unused modules) and the
      // tsconfig files Vite takes its transform options (jsx, target) from, for the web and for shared's sources.
      'packages/shared/package.json',
      'packages/shared/tsconfig.json',
      'tsconfig.base.json',
      'package-lock.json',
    ],
  });
}

const CHUNK_MODULES = '.vite/chunk-modules.json';

/**
 * A Vite plugin that only observes: writes .vite/chunk-modules.json, which source modules each chunk holds. Vite's
 * manifest names a chunk by its facade module, and a chunk that vite.config.ts groups (codeSplitting) has none, so
 * the pages' route modules are looked up here.
 */
export function recordChunkModules() {
  let outDir;
  return {
    name: 'tcc-record-chunk-modules',
    apply: 'build',
    configResolved: (config) => void (outDir = path.resolve(config.root, config.build.outDir)),
    writeBundle(_options, bundle) {
      const chunks = {};
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk') chunks[output.fileName] = Object.keys(output.modules).map((id) => path.relative(web, id).split(path.sep).join('/'));
      }
      fs.mkdirSync(path.join(outDir, '.vite'), { recursive: true });
      fs.writeFileSync(path.join(outDir, CHUNK_MODULES), JSON.stringify(chunks));
    },
  };
}

function readJson(dist, name) {
  const file = path.join(dist, name);
  if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run \`npm run build\` first.`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The manifest key of the chunk that holds `source` (a path relative to apps/web, or index.html). */
function chunkKeyOf(manifest, chunkModules, source) {
  if (manifest[source]) return source;
  const file = Object.keys(chunkModules).find((name) => chunkModules[name].includes(source));
  const key = file && Object.keys(manifest).find((k) => manifest[k].file === file);
  if (!key) throw new Error(`${source} is in no chunk of the build: is it still lazy in src/app/router.tsx? Update PAGES in scripts/first-load.mjs.`);
  return key;
}

/** The JavaScript files of `keys` and of every chunk they import statically (what Vite preloads). */
function staticClosure(manifest, keys) {
  const seen = new Set();
  const files = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not a chunk of the build: is it still lazy in src/app/router.tsx? Update PAGES in scripts/first-load.mjs.`);
    if (chunk.file.endsWith('.js')) files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return [...files].sort();
}

function measure({ page, dist, entry, routes }) {
  const manifest = readJson(dist, '.vite/manifest.json');
  const chunkModules = readJson(dist, CHUNK_MODULES);
  const files = staticClosure(manifest, [entry, ...routes].map((source) => chunkKeyOf(manifest, chunkModules, source)));
  const sizes = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(dist, file));
    sizes.raw += bytes.length;
    sizes.gzip += zlib.gzipSync(bytes, { level: 9 }).length;
    sizes.brotli += zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { page, ...sizes, files };
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

/** Measures dist/ and dist-bare/, writes dist/first-load.json (with `sources`, the fingerprint taken before building) and prints the table. */
export function reportFirstLoad(sources) {
  const bare = measure(BARE);
  const pages = PAGES.map((spec) => {
    const measured = measure(spec);
    const gzipRatio = Number((measured.gzip / bare.gzip).toFixed(3));
    return { ...measured, gzipRatio, withinBudget: gzipRatio <= BUDGET.gzipRatio && measured.brotli <= BUDGET.brotliBytes };
  });
  fs.writeFileSync(reportFile, `${JSON.stringify({ budget: BUDGET, bare, pages, sources }, null, 2)}\n`);

  const rows = [bare, ...pages].map((m) => [
    m.page,
    String(m.files.length),
    kB(m.raw),
    kB(m.gzip),
    kB(m.brotli),
    m === bare ? '1.00 ×' : `${m.gzipRatio.toFixed(2)} ×`,
    m === bare ? '' : m.withinBudget ? 'ok' : 'OVER BUDGET',
  ]);
  const header = ['first-load JS', 'files', 'raw', 'gzip', 'brotli', 'gzip/bare', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  console.log(`\n${line(header)}`);
  for (const row of rows) console.log(line(row));
  console.log(`budget: gzip ≤ ${BUDGET.gzipRatio} × bare UI5, brotli ≤ ${kB(BUDGET.brotliBytes)} (${path.relative(root, reportFile)})`);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--check')) {
  const recorded = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')).sources : null;
  process.exit(recorded === sourceFingerprint() ? 0 : 1);
}
