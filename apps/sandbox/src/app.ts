import express, { type Express } from 'express';
import { createDestinationServiceRouter } from './btp/destination-service.js';
import { createFindDestinationRouter } from './btp/find-destination.js';
import { createXsuaaRouter } from './btp/xsuaa.js';
import type { SandboxContext } from './context.js';
import { createControlRouter } from './control/control-router.js';
import { createFaultMiddleware } from './faults.js';
import { recordTrustAgreement } from './control/trust-agreement.js';
import { createCommunicationManagementRouter } from './s4/communication-management.js';
import { createS4TokenRouter } from './s4/oauth-token.js';
import { createTaskReplicationRouter } from './s4/task-replication.js';

/**
 * One HTTP server for both systems: their paths do not overlap (XSUAA /oauth/token and /token_keys, the Destination
 * service under /destination-configuration/v1, S/4HANA under /sap/), so requests are routed by path whatever the Host.
 */
export function createSandboxApp(ctx: SandboxContext, saveState: () => void = () => {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  // Every write may change the simulated systems, and a refused logon counts towards a lock: keep them once answered.
  app.use((req, res, next) => {
    const write = req.method !== 'GET' && req.method !== 'HEAD';
    res.on('finish', () => {
      if (write) recordTrustAgreement(ctx);
      if (write || res.statusCode === 401) saveState();
    });
    next();
  });
  app.use('/sandbox', express.json(), createControlRouter(ctx));
  app.use(createFaultMiddleware(ctx));
  app.use(createXsuaaRouter(ctx));
  app.use('/destination-configuration/v1', createFindDestinationRouter(ctx), createDestinationServiceRouter(ctx));
  app.use(createS4TokenRouter(ctx));
  app.use(createCommunicationManagementRouter(ctx));
  app.use(createTaskReplicationRouter(ctx));
  app.use((req, res) => {
    res.status(404).type('text/plain').send(`Not found: ${req.method} ${req.path}`);
  });
  return app;
}
