import express, { type Express, type Request } from 'express';
import type { Principal } from './auth/principal.js';
import type { Config } from './config.js';
import { createApiHandlers, type HandlerDependencies } from './http/api-handlers.js';
import type { AuditTrail } from './http/audit-trail.js';
import { responseCompression } from './http/compression.js';
import { createErrorMiddleware } from './http/error-middleware.js';
import { NotFoundError } from './http/errors.js';
import { mountRoutes } from './http/mount-routes.js';
import { createOpenApiDocument } from './http/openapi.js';
import { createSameOriginCheck } from './http/same-origin.js';
import { securityHeaders } from './http/security-headers.js';
import { createWebAppRouter } from './http/static-web-app.js';
import type { Logger } from './logger.js';

export interface AppDependencies extends HandlerDependencies {
  config: Pick<Config, 'WEB_DIST' | 'TRUST_PROXY' | 'STREAM_RECHECK_SECONDS'>;
  logger: Logger;
  auditTrail: AuditTrail;
  /** Who is calling: from the session cookie, or a bearer token in JWT mode. */
  principalOf: (req: Request) => Promise<Principal | null>;
}

/** The Express app: JSON API from the shared route table, OpenAPI, the web app, and one error middleware. */
export function createApp({ config, logger, auditTrail, principalOf, ...dependencies }: AppDependencies): Express {
  const app = express();
  // A hop count, never `true`: req.ip (the sign-in limit's key) is then the address the outermost counted proxy saw.
  if (config.TRUST_PROXY > 0) app.set('trust proxy', config.TRUST_PROXY);
  app.use(securityHeaders());
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(responseCompression());
  // API answers carry CSRF tokens, credential status and tenant data: no browser or proxy may keep them.
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use('/api', createSameOriginCheck({ trustProxy: config.TRUST_PROXY > 0 }));
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
  const openApi = createOpenApiDocument(dependencies.version);
  api.get('/api/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  const { store } = dependencies;
  mountRoutes(api, createApiHandlers(dependencies), { principalOf, store, audit: auditTrail, streamRecheckMs: config.STREAM_RECHECK_SECONDS * 1000 });
  api.all('/api/{*splat}', (req) => {
    throw new NotFoundError(`There is no API route ${req.method} ${req.path}. See /api/openapi.json.`);
  });
  app.use(api);
  app.use(createWebAppRouter(config.WEB_DIST));
  app.use(createErrorMiddleware(logger));
  return app;
}
