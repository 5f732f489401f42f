import { z } from 'zod';
import { UploadCertificateSchema } from './certificates.js';
import { ErrorBodySchema } from './common.js';
import {
  ConnectionDetailSchema,
  ConnectionPageSchema,
  ConnectionParamsSchema,
  CreateConnectionSchema,
  DeleteConnectionQuerySchema,
  ListConnectionsQuerySchema,
  RenameConnectionSchema,
} from './connections.js';
import { HealthSchema } from './health.js';
import { SandboxInfoSchema } from './sandbox.js';
import { StepParamsSchema, UpdateStepSchema } from './steps.js';
import { CreateTenantSchema, ListTenantsQuerySchema, RenameTenantSchema, TenantPageSchema, TenantParamsSchema, TenantSchema } from './tenants.js';

export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path; `:name` segments are described by `params`. */
  path: string;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** null: the success answer has no body (204). */
  response: z.ZodType | null;
  status: 200 | 201 | 204;
  /** Content type of the success answer when it is not JSON. */
  produces?: string;
}

const TENANT = '/api/tenants/:tenantId';
const CONNECTION = `${TENANT}/connections/:connectionId`;

/**
 * Every API route, as data. The server mounts handlers by these names, the OpenAPI document is generated from
 * them, and the web client builds its URLs from them: one list, so no route can be missed by any of the three.
 */
export const API_ROUTES = {
  health: { method: 'get', path: '/api/health', summary: 'Answers 200 when the store is usable', response: HealthSchema, status: 200 },
  sandbox: { method: 'get', path: '/api/sandbox', summary: 'Whether the built-in SAP sandbox runs, and its cockpit page', response: SandboxInfoSchema, status: 200 },
  listTenants: {
    method: 'get', path: '/api/tenants', summary: 'List tenants with search, sort and paging',
    query: ListTenantsQuerySchema, response: TenantPageSchema, status: 200,
  },
  createTenant: { method: 'post', path: '/api/tenants', summary: 'Create a tenant', body: CreateTenantSchema, response: TenantSchema, status: 201 },
  getTenant: { method: 'get', path: TENANT, summary: 'Read a tenant', params: TenantParamsSchema, response: TenantSchema, status: 200 },
  renameTenant: {
    method: 'patch', path: TENANT, summary: 'Rename a tenant',
    params: TenantParamsSchema, body: RenameTenantSchema, response: TenantSchema, status: 200,
  },
  deleteTenant: {
    method: 'delete', path: TENANT, summary: 'Delete a tenant with all its connections and progress',
    params: TenantParamsSchema, response: null, status: 204,
  },
  listConnections: {
    method: 'get', path: `${TENANT}/connections`, summary: 'List a tenant’s connections with progress and state',
    params: TenantParamsSchema, query: ListConnectionsQuerySchema, response: ConnectionPageSchema, status: 200,
  },
  createConnection: {
    method: 'post', path: `${TENANT}/connections`, summary: 'Create a connection: a BTP subaccount paired with an S/4HANA Cloud system',
    params: TenantParamsSchema, body: CreateConnectionSchema, response: ConnectionDetailSchema, status: 201,
  },
  getConnection: {
    method: 'get', path: CONNECTION, summary: 'Read a connection with its steps, values, certificate and destination',
    params: ConnectionParamsSchema, response: ConnectionDetailSchema, status: 200,
  },
  renameConnection: {
    method: 'patch', path: CONNECTION, summary: 'Rename a connection',
    params: ConnectionParamsSchema, body: RenameConnectionSchema, response: ConnectionDetailSchema, status: 200,
  },
  deleteConnection: {
    method: 'delete', path: CONNECTION, summary: 'Delete a connection and its progress',
    params: ConnectionParamsSchema, query: DeleteConnectionQuerySchema, response: null, status: 204,
  },
  updateStep: {
    method: 'put', path: `${CONNECTION}/steps/:stepId`, summary: 'Save a step’s values and status',
    params: StepParamsSchema, body: UpdateStepSchema, response: ConnectionDetailSchema, status: 200,
  },
  uploadTrustCertificate: {
    method: 'put', path: `${CONNECTION}/trust-certificate`, summary: 'Upload the subaccount’s trust certificate (step 1)',
    params: ConnectionParamsSchema, body: UploadCertificateSchema, response: ConnectionDetailSchema, status: 200,
  },
  downloadTrustCertificate: {
    method: 'get', path: `${CONNECTION}/trust-certificate.pem`, summary: 'Download the trust certificate to upload in S/4HANA (step 8)',
    params: ConnectionParamsSchema, response: z.string(), status: 200, produces: 'application/x-pem-file',
  },
} as const satisfies Record<string, ApiRoute>;

export type ApiRouteName = keyof typeof API_ROUTES;

export { ErrorBodySchema };

/** Fills `:name` segments, encoding each value. */
export function buildPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
}
