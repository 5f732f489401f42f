import express, { Router, type ErrorRequestHandler } from 'express';
import type { SandboxContext } from '../context.js';
import { UNCERTAIN } from '../uncertain.js';
import { createSubaccountDestinationsRouter } from './destinations/subaccount-destinations.js';
import { createTrustCertificateRouter } from './destinations/trust-certificate.js';
import { verifyClientToken } from './xsuaa.js';

export { generateTrustKeyPair, rotateTrustKeyPairs } from './destinations/trust-certificate.js';

/**
 * The Destination service REST API, mounted at /destination-configuration/v1 (sap-apis.md A.1). Every call needs a
 * Bearer token of this subaccount's XSUAA (client credentials, A.1). Find destination (/destinations/{name}, A.3)
 * is a separate router mounted before this one.
 */
export function createDestinationServiceRouter(ctx: SandboxContext): Router {
  const router = Router();

  router.use((req, res, next) => {
    if (!verifyClientToken(ctx, req.headers.authorization)) {
      res.status(401).json({ ErrorMessage: UNCERTAIN.destinationErrors.unauthorized });
      return;
    }
    next();
  });
  router.use(express.json({ limit: '1mb' }));

  // The sandbox keeps no service-instance destinations; the SAP Cloud SDK lists this level too (sap-cloud-sdk.md).
  router.get('/instanceDestinations', (_req, res) => {
    res.json([]);
  });
  router.use(createSubaccountDestinationsRouter(ctx));
  router.use(createTrustCertificateRouter(ctx));

  // A body that is not JSON answers in the service's error shape, not Express's HTML page.
  const badBody: ErrorRequestHandler = (err: { status?: number; type?: string }, _req, res, next) => {
    if (err?.type === 'entity.parse.failed' || err?.status === 400) {
      res.status(400).json({ ErrorMessage: UNCERTAIN.destinationErrors.bodyInvalid });
      return;
    }
    next(err);
  };
  router.use(badBody);

  return router;
}
