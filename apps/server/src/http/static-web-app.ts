import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/** Serves the built web app and answers client-side routes with index.html, so one process is the whole product. */
export function createWebAppRouter(webDist: string): Router {
  const router = express.Router();
  const indexFile = path.join(webDist, 'index.html');
  router.use(express.static(webDist, { index: false, maxAge: '1h', immutable: false }));
  router.get('/{*splat}', (req, res, next) => {
    if (req.path.startsWith('/api/')) return next();
    if (!fs.existsSync(indexFile)) {
      res.status(503).type('text/plain').send('The web app is not built yet. Run `npm run build` (npm start does this), then reload.');
      return;
    }
    res.sendFile(indexFile);
  });
  return router;
}
