import express, { type Express } from 'express';
import type { Config } from './config.js';
import type { ConnectionService } from './features/connections/connection-service.js';
import type { TenantService } from './features/tenants/tenant-service.js';
import { createApiHandlers } from './http/api-handlers.js';
import { createErrorMiddleware } from './http/error-middleware.js';
import { NotFoundError } from './http/errors.js';
import { mountRoutes } from './http/mount-routes.js';
import { createOpenApiDocument } from './http/openapi.js';
import { createWebAppRouter } from './http/static-web-app.js';
import type { Logger } from './logger.js';
import type { Store } from './store/types.js';

export interface AppDependencies {
  config: Pick<Config, 'WEB_DIST' | 'ACTOR_NAME'>;
  logger: Logger;
  store: Store;
  tenants: TenantService;
  connections: ConnectionService;
  version: string;
  /** The sandbox's cockpit page while the sandbox runs beside the product. */
  sandboxCockpitUrl?: string | null;
}

/** The Express app: JSON API from the shared route table, OpenAPI, the web app, and one error middleware. */
export function createApp({ config, logger, store, tenants, connections, version, sandboxCockpitUrl = null }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // The largest body is a certificate upload (CERTIFICATE_BASE64_MAX, ~171 KiB of base64); nothing more is read.
  app.use('/api', express.json({ limit: '192kb' }));
  app.use('/api', (req, res, next) => {
    const started = performance.now();
    res.on('finish', () =>
      logger.info('request', { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started) }),
    );
    next();
  });

  const api = express.Router();
  const openApi = createOpenApiDocument(version);
  api.get('/api/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  mountRoutes(api, createApiHandlers({ store, tenants, connections, version, sandboxCockpitUrl }), () => config.ACTOR_NAME);
  api.all('/api/{*splat}', (req) => {
    throw new NotFoundError(`There is no API route ${req.method} ${req.path}. See /api/openapi.json.`);
  });
  app.use(api);
  app.use(createWebAppRouter(config.WEB_DIST));
  app.use(createErrorMiddleware(logger));
  return app;
}
