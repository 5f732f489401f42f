// Writes `<file>.br` (brotli) and `<file>.gz` (gzip, level 9) beside each built text asset, so the server sends them
// as they are (apps/server/src/http/static-web-app.ts) instead of compressing the same bytes, less well, on every
// request. Files under 1 kB are left alone: compression gains nothing there.
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const TEXT = /\.(js|css|html|svg|json|txt|map)$/;

/**
 * Brotli's best quality (11) for the app's code, 5 for UI5's language and theme data (`…/generated/assets/…`: four
 * fifths of the bytes, loaded only for another language or theme): 11 is thirty times slower there for ~15 % less,
 * which would add half a minute to every build.
 */
function brotliQualities(dist) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
  const data = new Set(Object.entries(manifest).filter(([key]) => key.includes('/generated/assets/')).map(([, chunk]) => path.basename(chunk.file)));
  return (name) => (data.has(name) ? 5 : 11);
}

/** Compresses the text files of `dist`/assets; answers how many. */
export async function precompressAssets(dist) {
  const assets = path.join(dist, 'assets');
  const qualityOf = brotliQualities(dist);
  const files = fs.readdirSync(assets).filter((name) => TEXT.test(name) && fs.statSync(path.join(assets, name)).size >= 1024);
  // Each call runs on libuv's thread pool, so the files compress in parallel.
  await Promise.all(
    files.map(async (name) => {
      const file = path.join(assets, name);
      const bytes = await fs.promises.readFile(file);
      const [br, gz] = await Promise.all([
        brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: qualityOf(name), [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
        gzip(bytes, { level: 9 }),
      ]);
      await Promise.all([fs.promises.writeFile(`${file}.br`, br), fs.promises.writeFile(`${file}.gz`, gz)]);
    }),
  );
  return files.length;
}
