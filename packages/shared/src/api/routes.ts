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
import {
  CreateUserSchema,
  MemberListSchema,
  MemberParamsSchema,
  MemberSchema,
  PutMemberSchema,
  SessionInfoSchema,
  SignInSchema,
  UserListSchema,
  UserSchema,
  UpdateUserSchema, UserParamsSchema } from './auth.js';
import type { TenantRole } from './rules.js';
import { AuditPageSchema, AuditQuerySchema } from './audit.js';
import { AutomationPlanSchema, AutomationRunSchema, ConnectionTestSchema, PlanAutomationQuerySchema, StartRunSchema, StepVerificationSchema } from './automation.js';
import { TenantSapFactsSchema } from './sap-facts.js';
import { CredentialsStatusSchema, PutCredentialsSchema, FillSandboxCredentialsSchema } from './credentials.js';
import {
  ConnectionHealthSchema,
  HealthEventPageSchema,
  HealthHistoryQuerySchema,
  HealthSchema,
  PutTenantHealthSettingsSchema,
  TenantHealthCheckSchema,
  TenantHealthSettingsSchema,
} from './health.js';
import {
  AlertChannelListSchema,
  AlertChannelParamsSchema,
  AlertChannelWithSecretSchema,
  AlertDeliveryPageSchema,
  AlertDeliveryQuerySchema,
  AlertTestResultSchema,
  CreateAlertChannelSchema,
  UpdateAlertChannelSchema,
} from './alerts.js';
import { SandboxInfoSchema } from './sandbox.js';
import { StartTrustRotationSchema, TrustRotationResultSchema, TrustRotationStatusSchema } from './trust-rotation.js';
import { StepParamsSchema, UpdateStepSchema } from './steps.js';
import { CreateTenantSchema, ListTenantsQuerySchema, RenameTenantSchema, TenantPageSchema, TenantParamsSchema, TenantSchema } from './tenants.js';

/**
 * Who may call a route: anyone; any signed-in user; a system admin (manages local users); or a member of the
 * route's tenant with at least the given role. A non-member gets 404, exactly as if the tenant did not exist.
 */
export type RouteAccess = 'public' | 'user' | 'systemAdmin' | { tenant: TenantRole };

export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  access: RouteAccess;
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
  health: { method: 'get', access: 'public', path: '/api/health', summary: 'Answers 200 when the store is usable', response: HealthSchema, status: 200 },
  sandbox: { method: 'get', access: 'user', path: '/api/sandbox', summary: 'Whether the built-in SAP sandbox runs, and its cockpit page', response: SandboxInfoSchema, status: 200 },
  listTenants: {
    method: 'get', access: 'user', path: '/api/tenants', summary: 'List tenants with search, sort and paging',
    query: ListTenantsQuerySchema, response: TenantPageSchema, status: 200,
  },
  createTenant: { method: 'post', access: 'user', path: '/api/tenants', summary: 'Create a tenant', body: CreateTenantSchema, response: TenantSchema, status: 201 },
  getTenant: { method: 'get', access: { tenant: 'viewer' }, path: TENANT, summary: 'Read a tenant', params: TenantParamsSchema, response: TenantSchema, status: 200 },
  renameTenant: {
    method: 'patch', access: { tenant: 'admin' }, path: TENANT, summary: 'Rename a tenant',
    params: TenantParamsSchema, body: RenameTenantSchema, response: TenantSchema, status: 200,
  },
  deleteTenant: {
    method: 'delete', access: { tenant: 'admin' }, path: TENANT, summary: 'Delete a tenant with all its connections and progress',
    params: TenantParamsSchema, response: null, status: 204,
  },
  listConnections: {
    method: 'get', access: { tenant: 'viewer' }, path: `${TENANT}/connections`, summary: 'List a tenant’s connections with progress and state',
    params: TenantParamsSchema, query: ListConnectionsQuerySchema, response: ConnectionPageSchema, status: 200,
  },
  createConnection: {
    method: 'post', access: { tenant: 'admin' }, path: `${TENANT}/connections`, summary: 'Create a connection: a BTP subaccount paired with an S/4HANA Cloud system',
    params: TenantParamsSchema, body: CreateConnectionSchema, response: ConnectionDetailSchema, status: 201,
  },
  getConnection: {
    method: 'get', access: { tenant: 'viewer' }, path: CONNECTION, summary: 'Read a connection with its steps, values, certificate and destination',
    params: ConnectionParamsSchema, response: ConnectionDetailSchema, status: 200,
  },
  renameConnection: {
    method: 'patch', access: { tenant: 'admin' }, path: CONNECTION, summary: 'Rename a connection',
    params: ConnectionParamsSchema, body: RenameConnectionSchema, response: ConnectionDetailSchema, status: 200,
  },
  deleteConnection: {
    method: 'delete', access: { tenant: 'admin' }, path: CONNECTION, summary: 'Delete a connection and its progress',
    params: ConnectionParamsSchema, query: DeleteConnectionQuerySchema, response: null, status: 204,
  },
  updateStep: {
    method: 'put', access: { tenant: 'operator' }, path: `${CONNECTION}/steps/:stepId`, summary: 'Save a step’s values and status',
    params: StepParamsSchema, body: UpdateStepSchema, response: ConnectionDetailSchema, status: 200,
  },
  uploadTrustCertificate: {
    method: 'put', access: { tenant: 'operator' }, path: `${CONNECTION}/trust-certificate`, summary: 'Upload the subaccount’s trust certificate (step 1)',
    params: ConnectionParamsSchema, body: UploadCertificateSchema, response: ConnectionDetailSchema, status: 200,
  },
  downloadTrustCertificate: {
    method: 'get', access: { tenant: 'viewer' }, path: `${CONNECTION}/trust-certificate.pem`, summary: 'Download the trust certificate to upload in S/4HANA (step 8)',
    params: ConnectionParamsSchema, response: z.string(), status: 200, produces: 'application/x-pem-file',
  },
  signIn: {
    method: 'post', access: 'public', path: '/api/auth/sign-in', summary: 'Sign in with a local account; sets the session cookie',
    body: SignInSchema, response: SessionInfoSchema, status: 200,
  },
  signOut: { method: 'post', access: 'user', path: '/api/auth/sign-out', summary: 'Sign out: ends the session', response: null, status: 204 },
  me: { method: 'get', access: 'user', path: '/api/auth/me', summary: 'The signed-in user and the CSRF token', response: SessionInfoSchema, status: 200 },
  listUsers: { method: 'get', access: 'systemAdmin', path: '/api/users', summary: 'List local users', response: UserListSchema, status: 200 },
  createUser: {
    method: 'post', access: 'systemAdmin', path: '/api/users', summary: 'Create a local user',
    body: CreateUserSchema, response: UserSchema, status: 201,
  },
  updateUser: {
    method: 'patch', access: 'systemAdmin', path: '/api/users/:userId', summary: 'Set a user’s password or disable them (ends their sessions)',
    params: UserParamsSchema, body: UpdateUserSchema, response: UserSchema, status: 200,
  },
  listMembers: {
    method: 'get', access: { tenant: 'admin' }, path: `${TENANT}/members`, summary: 'List the tenant’s members and roles',
    params: TenantParamsSchema, response: MemberListSchema, status: 200,
  },
  putMember: {
    method: 'put', access: { tenant: 'admin' }, path: `${TENANT}/members/:userId`, summary: 'Add a member or change their role',
    params: MemberParamsSchema, body: PutMemberSchema, response: MemberSchema, status: 200,
  },
  deleteMember: {
    method: 'delete', access: { tenant: 'admin' }, path: `${TENANT}/members/:userId`, summary: 'Remove a member from the tenant',
    params: MemberParamsSchema, response: null, status: 204,
  },
  getCredentials: {
    method: 'get', access: { tenant: 'viewer' }, path: `${CONNECTION}/credentials`, summary: 'Which credentials are set, when and by whom (never their values)',
    params: ConnectionParamsSchema, response: CredentialsStatusSchema, status: 200,
  },
  putCredentials: {
    method: 'put', access: { tenant: 'admin' }, path: `${CONNECTION}/credentials`, summary: 'Set credentials (write-only, stored encrypted)',
    params: ConnectionParamsSchema, body: PutCredentialsSchema, response: CredentialsStatusSchema, status: 200,
  },
  fillSandboxCredentials: {
    method: 'post', access: { tenant: 'admin' }, path: `${CONNECTION}/credentials/from-sandbox`,
    summary: 'For a connection to the built-in sandbox: set its Destination service key and SAP_COM_0A48 user from the sandbox, and generate the Task Center user password',
    params: ConnectionParamsSchema, body: FillSandboxCredentialsSchema, response: CredentialsStatusSchema, status: 200,
  },
  planAutomation: {
    method: 'post', access: { tenant: 'operator' }, path: `${CONNECTION}/automation/plan`,
    summary: 'Read both SAP systems and plan what assisted setup would create, adopt or change (changes nothing); with repair=true, only the objects that drifted',
    params: ConnectionParamsSchema, query: PlanAutomationQuerySchema, response: AutomationPlanSchema, status: 200,
  },
  startAutomation: {
    method: 'post', access: { tenant: 'operator' }, path: `${CONNECTION}/automation/runs`,
    summary: 'Run assisted setup (or, with repair, change only the drifted objects); it goes on in the background (poll the latest run)',
    params: ConnectionParamsSchema, body: StartRunSchema, response: AutomationRunSchema, status: 201,
  },
  latestAutomationRun: {
    method: 'get', access: { tenant: 'viewer' }, path: `${CONNECTION}/automation/runs/latest`,
    summary: 'The latest assisted-setup run with its progress and SAP calls',
    params: ConnectionParamsSchema, response: AutomationRunSchema, status: 200,
  },
  watchLatestAutomationRun: {
    method: 'get', access: { tenant: 'viewer' }, path: `${CONNECTION}/automation/runs/latest/events`,
    summary: 'Live progress of the latest assisted-setup run as server-sent events: each event has id <run id>:<sequence> and the run as data (the current state at once, then every change); the stream ends after the final state. Send Last-Event-ID to get only newer states; 204 when that was already the final one',
    params: ConnectionParamsSchema, response: AutomationRunSchema, status: 200, produces: 'text/event-stream',
  },
  readSapFacts: {
    method: 'post', access: { tenant: 'operator' }, path: `${CONNECTION}/sap-facts`,
    summary: 'Read what only a live tenant can settle ($metadata, existing inbound users): each fact settled with its evidence or still assumed (changes nothing)',
    params: ConnectionParamsSchema, response: TenantSapFactsSchema, status: 200,
  },
  verifyStep: {
    method: 'post', access: { tenant: 'operator' }, path: `${CONNECTION}/steps/:stepId/verify`,
    summary: 'Read SAP and mark a step done by hand as done, or say which field differs',
    params: StepParamsSchema, response: StepVerificationSchema, status: 200,
  },
  testConnection: {
    method: 'post', access: { tenant: 'operator' }, path: `${CONNECTION}/test`,
    summary: 'Prove the chain: find destination with a business user’s token, then call api_task_spi_replication',
    params: ConnectionParamsSchema, response: ConnectionTestSchema, status: 200,
  },
  getConnectionHealth: {
    method: 'get', access: { tenant: 'viewer' }, path: `${CONNECTION}/health`,
    summary: 'The connection’s health from the last read-only check: state, findings with cause, step, expected and actual',
    params: ConnectionParamsSchema, response: ConnectionHealthSchema, status: 200,
  },
  listHealthHistory: {
    method: 'get', access: { tenant: 'viewer' }, path: `${CONNECTION}/health/history`,
    summary: 'The connection’s health timeline, newest first: checks (equal ones in a row as one entry) and state changes',
    params: ConnectionParamsSchema, query: HealthHistoryQuerySchema, response: HealthEventPageSchema, status: 200,
  },
  checkConnectionHealth: {
    method: 'post', access: { tenant: 'operator' }, path: `${CONNECTION}/health/check`,
    summary: 'Check the connection now (reads SAP, changes nothing there); answers the new health',
    params: ConnectionParamsSchema, response: ConnectionHealthSchema, status: 200,
  },
  getTrustRotation: {
    method: 'get', access: { tenant: 'operator' }, path: `${CONNECTION}/trust-rotation`,
    summary: 'Read the active and passive trust certificates in BTP and which one the S/4HANA communication system holds (changes nothing)',
    params: ConnectionParamsSchema, response: TrustRotationStatusSchema, status: 200,
  },
  generatePassiveCertificate: {
    method: 'post', access: { tenant: 'operator' }, path: `${CONNECTION}/trust-rotation/passive`,
    summary: 'Generate the passive trust certificate in the subaccount (the active one keeps signing)',
    params: ConnectionParamsSchema, response: TrustRotationStatusSchema, status: 200,
  },
  rotateTrustCertificate: {
    method: 'post', access: { tenant: 'operator' }, path: `${CONNECTION}/trust-rotation`,
    summary: 'Switch to the passive certificate without downtime: put it on the S/4HANA communication system and make it active in BTP back to back, verify, test end to end; roll back if either system refuses',
    params: ConnectionParamsSchema, body: StartTrustRotationSchema, response: TrustRotationResultSchema, status: 200,
  },
  checkTenantHealth: {
    method: 'post', access: { tenant: 'operator' }, path: `${TENANT}/health/check`,
    summary: 'Check every connection of the tenant now (reads SAP, changes nothing there)',
    params: TenantParamsSchema, response: TenantHealthCheckSchema, status: 200,
  },
  getTenantHealthSettings: {
    method: 'get', access: { tenant: 'viewer' }, path: `${TENANT}/health/settings`,
    summary: 'How often the tenant’s connections are checked',
    params: TenantParamsSchema, response: TenantHealthSettingsSchema, status: 200,
  },
  putTenantHealthSettings: {
    method: 'put', access: { tenant: 'admin' }, path: `${TENANT}/health/settings`,
    summary: 'Set how often the tenant’s connections are checked (null: the server’s default)',
    params: TenantParamsSchema, body: PutTenantHealthSettingsSchema, response: TenantHealthSettingsSchema, status: 200,
  },
  listAlertChannels: {
    method: 'get', access: { tenant: 'operator' }, path: `${TENANT}/alerts/channels`,
    summary: 'The tenant’s alert channels (e-mail, webhook); secrets never shown',
    params: TenantParamsSchema, response: AlertChannelListSchema, status: 200,
  },
  createAlertChannel: {
    method: 'post', access: { tenant: 'admin' }, path: `${TENANT}/alerts/channels`,
    summary: 'Add an alert channel; a webhook’s generated signing secret is in this answer only',
    params: TenantParamsSchema, body: CreateAlertChannelSchema, response: AlertChannelWithSecretSchema, status: 201,
  },
  updateAlertChannel: {
    method: 'patch', access: { tenant: 'admin' }, path: `${TENANT}/alerts/channels/:channelId`,
    summary: 'Change an alert channel; a rotated webhook secret is in this answer only',
    params: AlertChannelParamsSchema, body: UpdateAlertChannelSchema, response: AlertChannelWithSecretSchema, status: 200,
  },
  deleteAlertChannel: {
    method: 'delete', access: { tenant: 'admin' }, path: `${TENANT}/alerts/channels/:channelId`,
    summary: 'Remove an alert channel and its delivery log',
    params: AlertChannelParamsSchema, response: null, status: 204,
  },
  sendTestAlert: {
    method: 'post', access: { tenant: 'admin' }, path: `${TENANT}/alerts/channels/:channelId/test`,
    summary: 'Send a test alert through the channel now and answer how it went',
    params: AlertChannelParamsSchema, response: AlertTestResultSchema, status: 200,
  },
  listAlertDeliveries: {
    method: 'get', access: { tenant: 'operator' }, path: `${TENANT}/alerts/deliveries`,
    summary: 'The alert delivery log, newest first: attempts, status, last error',
    params: TenantParamsSchema, query: AlertDeliveryQuerySchema, response: AlertDeliveryPageSchema, status: 200,
  },
  listSystemAudit: {
    method: 'get', access: 'systemAdmin', path: '/api/audit', summary: 'System-wide audit: users created, tenants created and deleted (also after the tenant is gone)',
    query: AuditQuerySchema, response: AuditPageSchema, status: 200,
  },
  listAudit: {
    method: 'get', access: { tenant: 'viewer' }, path: `${TENANT}/audit`, summary: 'The tenant’s audit log, newest first, with filters',
    params: TenantParamsSchema, query: AuditQuerySchema, response: AuditPageSchema, status: 200,
  },
  exportAudit: {
    method: 'get', access: { tenant: 'viewer' }, path: `${TENANT}/audit.csv`, summary: 'The tenant’s audit log as CSV (same filters, all pages)',
    params: TenantParamsSchema, query: AuditQuerySchema, response: z.string(), status: 200, produces: 'text/csv',
  },
} as const satisfies Record<string, ApiRoute>;

export type ApiRouteName = keyof typeof API_ROUTES;

export { ErrorBodySchema };
