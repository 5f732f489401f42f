// `npm run build`: the app into dist/, the bare UI5 page (bare-ui5.html, the yardstick) into dist-bare/ with the same
// Vite config (never served), .br and .gz beside the app's assets, and the first-load table (scripts/first-load.mjs).
import path from 'node:path';
import { build } from 'vite';
import { appDist, bareDist, recordChunkModules, reportFirstLoad, sourceFingerprint } from './first-load.mjs';
import { precompressAssets } from './precompress.mjs';

// Whoever runs the build (vitest sets NODE_ENV=test), it is for production: Vite takes NODE_ENV from the environment,
// and anything but "production" bundles React's development build (60 kB gzipped more).
process.env.NODE_ENV = 'production';
const web = path.resolve(import.meta.dirname, '..');
const configFile = path.join(web, 'vite.config.ts');
// Taken before building: a source edited during the build leaves the report stale (rebuilt next time), never falsely fresh.
const sources = sourceFingerprint();
await build({ root: web, configFile, plugins: [recordChunkModules()] });
// One chunk by design (nothing is lazy there), hence the higher warning limit.
await build({
  root: web,
  configFile,
  logLevel: 'warn',
  plugins: [recordChunkModules()],
  build: { outDir: bareDist, rolldownOptions: { input: path.join(web, 'bare-ui5.html') }, chunkSizeWarningLimit: 1500 },
});
const started = performance.now();
const count = await precompressAssets(appDist);
console.log(`precompressed ${count} assets (.br, .gz) in ${Math.round(performance.now() - started)} ms`);
reportFirstLoad(sources);
