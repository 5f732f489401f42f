import type { ConnectionService } from '../features/connections/connection-service.js';
import type { TenantService } from '../features/tenants/tenant-service.js';
import type { Store } from '../store/types.js';
import { ServiceUnavailableError } from './errors.js';
import type { RouteHandlers } from './mount-routes.js';

/** One line per route: the route table validated the input, the services do the work. */
export function createApiHandlers({
  store,
  tenants,
  connections,
  version,
  sandboxCockpitUrl,
}: {
  store: Store;
  tenants: TenantService;
  connections: ConnectionService;
  version: string;
  sandboxCockpitUrl: string | null;
}): RouteHandlers {
  return {
    health: async () => {
      await store.ping().catch(() => {
        throw new ServiceUnavailableError('The database cannot be read. Check DATA_DIR and the disk.');
      });
      return { status: 'ok', store: store.kind, version };
    },
    sandbox: async () => ({ enabled: sandboxCockpitUrl !== null, cockpitUrl: sandboxCockpitUrl }),
    listTenants: ({ query }) => tenants.list(query),
    createTenant: ({ body, actor }) => tenants.create(body, actor),
    getTenant: ({ params }) => tenants.get(params.tenantId),
    renameTenant: ({ params, body, actor }) => tenants.rename(params.tenantId, body.name, actor),
    deleteTenant: ({ params }) => tenants.remove(params.tenantId),
    listConnections: ({ params, query }) => connections.list(params.tenantId, query),
    createConnection: ({ params, body, actor }) => connections.create(params.tenantId, body, actor),
    getConnection: ({ params }) => connections.get(params.tenantId, params.connectionId),
    renameConnection: ({ params, body, actor }) =>
      connections.rename(params.tenantId, params.connectionId, body.displayName, body.version, actor),
    deleteConnection: ({ params, query }) => connections.remove(params.tenantId, params.connectionId, query.version),
    updateStep: ({ params, body, actor }) => connections.updateStep(params.tenantId, params.connectionId, params.stepId, body, actor),
    uploadTrustCertificate: ({ params, body, actor }) =>
      connections.uploadTrustCertificate(params.tenantId, params.connectionId, body, actor),
    downloadTrustCertificate: async ({ params }) => {
      const { fileName, pem } = await connections.trustCertificatePem(params.tenantId, params.connectionId);
      return { fileName, content: pem };
    },
  };
}
