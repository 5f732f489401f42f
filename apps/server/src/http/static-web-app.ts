import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, type Router } from 'express';

/** Vite puts a content hash in every name under assets/: a changed file gets a new name, so browsers keep them for good. */
const ASSET_CACHE = { maxAge: '365d', immutable: true } as const;

/** Types of the files the web build precompresses (apps/web/scripts/precompress.mjs), by the original file's extension. */
const PRECOMPRESSED_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
const ENCODING_SUFFIX = { br: '.br', gzip: '.gz' } as const;

/**
 * Sends `<asset>.br` or `<asset>.gz` from the build as it is when the browser accepts it (brotli at quality 11 is
 * far too slow per request, and smaller than what the compression middleware makes on the fly); anything else —
 * no such file, no accepted encoding — goes on to express.static.
 */
function precompressedAssets(assetsDir: string): RequestHandler {
  return (req, res, next) => {
    const type = PRECOMPRESSED_TYPES[path.extname(req.path)];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !type || !/^\/[\w.-]+$/.test(req.path)) return next();
    // Brotli whenever it is accepted at all: browsers list gzip first ("gzip, deflate, br, zstd"), all at q=1.
    const encoding = req.acceptsEncodings('br') ? 'br' : req.acceptsEncodings('gzip') ? 'gzip' : null;
    if (!encoding) return next();
    res.vary('Accept-Encoding');
    const file = path.join(assetsDir, req.path + ENCODING_SUFFIX[encoding]);
    // The headers go with the file only: when it is missing, express.static answers with the plain one instead.
    res.sendFile(file, { ...ASSET_CACHE, dotfiles: 'deny', headers: { 'Content-Type': type, 'Content-Encoding': encoding } }, (error) => {
      if (error && !res.headersSent) next();
    });
  };
}

/** Serves the built web app and answers client-side routes with index.html, so one process is the whole product. */
export function createWebAppRouter(webDist: string): Router {
  const router = express.Router();
  const indexFile = path.resolve(webDist, 'index.html');
  const assetsDir = path.resolve(webDist, 'assets');
  router.use('/assets', precompressedAssets(assetsDir), express.static(assetsDir, { index: false, ...ASSET_CACHE }));
  // A chunk that is not there (an old tab asking for a file a newer build replaced) is a 404, not index.html as script.
  router.use('/assets', (_req, res) => void res.status(404).type('text/plain').send('Not found.'));
  router.use(express.static(webDist, { index: false, maxAge: '1h', immutable: false }));
  router.get('/{*splat}', (req, res, next) => {
    if (req.path.startsWith('/api/')) return next();
    if (!fs.existsSync(indexFile)) {
      res.status(503).type('text/plain').send('The web app is not built yet. Run `npm run build` (npm start does this), then reload.');
      return;
    }
    // index.html names the current hashed assets: the browser asks again every time (an ETag makes that cheap).
    res.sendFile(indexFile, { headers: { 'Cache-Control': 'no-cache' } });
  });
  return router;
}
