import { Router } from 'express';
import type { SandboxContext } from '../context.js';
import { createBasicAuthMiddleware } from './odata/basic-auth.js';
import { communicationArrangementsService } from './odata/communication-arrangements-service.js';
import { communicationSystemsService } from './odata/communication-systems-service.js';
import { communicationUsersService } from './odata/communication-users-service.js';
import { createCsrfMiddleware } from './odata/csrf.js';
import { odataErrorHandler } from './odata/odata-errors.js';
import { createODataServiceRouter } from './odata/service-router.js';

/**
 * Scenario SAP_COM_0A48 "Communication Management Integration" (sap-apis.md D): the three OData V4 services for communication
 * users, systems and arrangements at their real base paths, behind Basic auth and Gateway's CSRF protection.
 * Everything else under /sap/ passes through to the other S/4 routers.
 */
export function createCommunicationManagementRouter(ctx: SandboxContext): Router {
  const router = Router();
  const services = [communicationUsersService(ctx), communicationSystemsService(ctx), communicationArrangementsService(ctx)];
  const basePaths = services.map((s) => s.basePath);
  router.use(basePaths, createBasicAuthMiddleware(ctx), createCsrfMiddleware(ctx));
  const options = { optimisticConcurrency: () => ctx.profile.patchRequiresIfMatch };
  for (const service of services) router.use(service.basePath, createODataServiceRouter(service, options));
  router.use(basePaths, odataErrorHandler);
  return router;
}
