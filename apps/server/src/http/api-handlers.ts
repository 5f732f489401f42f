import type { SandboxInfo } from '@tcc/shared';
import type { AlertService } from '../alerts/alert-service.js';
import type { AuthService } from '../auth/auth-service.js';
import type { AutomationService } from '../automation/automation-service.js';
import type { ConnectionTestService } from '../automation/connection-test-service.js';
import type { AuditService } from '../features/audit/audit-service.js';
import type { CredentialService } from '../features/credentials/credential-service.js';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie.js';
import type { ConnectionService } from '../features/connections/connection-service.js';
import type { TenantService } from '../features/tenants/tenant-service.js';
import type { HealthService } from '../health/health-service.js';
import type { HealthScheduler } from '../health/scheduler.js';
import type { TrustRotationService } from '../trust-rotation/trust-rotation-service.js';
import type { RunProgressService } from '../progress/run-progress-stream.js';
import { SYSTEM_AUDIT } from '../store/audit-store.js';
import type { Store } from '../store/types.js';
import { InputError, NotFoundError, ServiceUnavailableError } from './errors.js';
import type { RouteHandlers } from './mount-routes.js';

export interface HandlerDependencies {
  store: Store;
  automation: AutomationService;
  /** Live progress of runs as server-sent events, across instances. */
  runProgress: RunProgressService;
  testConnection: ConnectionTestService;
  credentials: CredentialService;
  audit: AuditService;
  auth: AuthService;
  tenants: TenantService;
  connections: ConnectionService;
  /** Connection health: reads, history and settings; checks run through the scheduler's checkNow. */
  health: HealthService;
  healthScheduler: HealthScheduler;
  /** Alert channels, Send test alert and the delivery log. */
  alerts: AlertService;
  /** Certificate rotation without downtime: status, the passive certificate and the switch. */
  trustRotation: TrustRotationService;
  version: string;
  sandboxCockpitUrl: string | null;
  /** The running sandbox's subaccount and S/4 system (no secrets), to fill a new sandbox connection; null when off. */
  sandboxSystem: SandboxInfo['system'];
  /** The running sandbox's credentials for connections labelled sandbox; null when no sandbox runs. */
  sandboxCredentials: SandboxCredentials | null;
}

export interface SandboxCredentials {
  destinationServiceKey: string;
  communicationManagementUser: string;
  communicationManagementPassword: string;
}

/** One line per route: the route table validated the input and checked access, the services do the work. */
export function createApiHandlers({ store, automation, runProgress, testConnection, credentials, audit, auth, tenants, connections, health: healthService, healthScheduler, alerts, trustRotation, version, sandboxCockpitUrl, sandboxSystem, sandboxCredentials }: HandlerDependencies): RouteHandlers {
  return {
    health: async () => {
      await store.ping().catch(() => {
        throw new ServiceUnavailableError('The database cannot be read. Check DATA_DIR and the disk.');
      });
      return { status: 'ok', store: store.kind, version };
    },
    sandbox: async () => ({ enabled: sandboxCockpitUrl !== null, cockpitUrl: sandboxCockpitUrl, system: sandboxSystem }),

    signIn: async ({ body, http }) => {
      const { token, expiresAt, info } = await auth.signIn(body.username, body.password, http.req.ip ?? 'unknown');
      setSessionCookie(http.req, http.res, token, expiresAt);
      return info;
    },
    signOut: async ({ principal, http }) => {
      await auth.signOut(principal);
      clearSessionCookie(http.req, http.res);
    },
    me: ({ principal }) => auth.me(principal),
    listUsers: () => auth.listUsers(),
    createUser: ({ body }) => auth.createUser(body),
    updateUser: ({ params, body, principal }) => auth.updateUser(params.userId, body, principal),

    listTenants: ({ principal, query }) => tenants.list(principal.userId, query),
    createTenant: ({ body, principal }) => tenants.create(body, principal),
    getTenant: ({ params, principal }) => tenants.get(params.tenantId, principal.userId),
    renameTenant: ({ params, body, principal }) => tenants.rename(params.tenantId, body.name, principal),
    deleteTenant: ({ params }) => tenants.remove(params.tenantId),
    listMembers: ({ params }) => tenants.listMembers(params.tenantId),
    putMember: ({ params, body }) => tenants.putMember(params.tenantId, params.userId, body.role),
    deleteMember: ({ params }) => tenants.removeMember(params.tenantId, params.userId),

    getCredentials: ({ params }) => credentials.status(params.tenantId, params.connectionId),
    putCredentials: ({ params, body, actor }) => credentials.put(params.tenantId, params.connectionId, body, actor),
    fillSandboxCredentials: async ({ params, body, actor }) => {
      const connection = await store.getConnection(params.tenantId, params.connectionId);
      if (!connection) throw new NotFoundError('This connection does not exist (any more).');
      if (!connection.connection.sandbox || !sandboxCredentials) {
        throw new InputError('Only a connection to the built-in sandbox can take the sandbox’s credentials; enter this connection’s own under Credentials.');
      }
      return credentials.put(params.tenantId, params.connectionId, { ...sandboxCredentials, generateTaskCenterUserPassword: true, version: body.version }, actor);
    },

    planAutomation: ({ params, query }) => automation.plan(params.tenantId, params.connectionId, { repair: query.repair === 'true' }),
    readSapFacts: ({ params }) => automation.readSapFacts(params.tenantId, params.connectionId),
    startAutomation: ({ params, body, actor }) => automation.start(params.tenantId, params.connectionId, actor, body.confirmChanges, { repair: body.repair }),
    latestAutomationRun: ({ params }) => automation.latest(params.tenantId, params.connectionId),
    watchLatestAutomationRun: ({ params, http }) => runProgress.watchLatest(params.tenantId, params.connectionId, http.req.get('last-event-id')),
    verifyStep: ({ params, actor }) => automation.verify(params.tenantId, params.connectionId, params.stepId, actor),
    // The caller's own sign-in token stays here: the test signs in its own test user (connection-test-service.ts).
    testConnection: ({ params }) => testConnection(params.tenantId, params.connectionId),

    getConnectionHealth: ({ params }) => healthService.health(params.tenantId, params.connectionId),
    listHealthHistory: ({ params, query }) => healthService.history(params.tenantId, params.connectionId, query),
    checkConnectionHealth: async ({ params }) => {
      await healthScheduler.checkNow(params.tenantId, params.connectionId);
      return healthService.health(params.tenantId, params.connectionId);
    },
    checkTenantHealth: async ({ params }) => {
      await healthScheduler.checkNow(params.tenantId);
      return { checked: (await store.listConnectionIds(params.tenantId)).length };
    },
    getTrustRotation: ({ params }) => trustRotation.status(params.tenantId, params.connectionId),
    generatePassiveCertificate: ({ params }) => trustRotation.generatePassive(params.tenantId, params.connectionId),
    rotateTrustCertificate: ({ params, actor }) => trustRotation.rotate(params.tenantId, params.connectionId, actor),
    listAlertChannels: ({ params }) => alerts.list(params.tenantId),
    createAlertChannel: ({ params, body, actor }) => alerts.create(params.tenantId, body, actor),
    updateAlertChannel: ({ params, body, actor }) => alerts.update(params.tenantId, params.channelId, body, actor),
    deleteAlertChannel: ({ params }) => alerts.remove(params.tenantId, params.channelId),
    sendTestAlert: async ({ params, principal }) => alerts.sendTest(params.tenantId, params.channelId, (await tenants.get(params.tenantId, principal.userId)).name),
    listAlertDeliveries: ({ params, query }) => alerts.deliveries(params.tenantId, query),
    getTenantHealthSettings: ({ params }) => healthService.settingsOf(params.tenantId),
    putTenantHealthSettings: ({ params, body }) => healthService.setInterval(params.tenantId, body.intervalMinutes),

    listSystemAudit: ({ query }) => audit.list(SYSTEM_AUDIT, query),
    listAudit: ({ params, query }) => audit.list(params.tenantId, query),
    exportAudit: async ({ params, query }) => ({ fileName: 'audit-log.csv', content: audit.csv(params.tenantId, query) }),

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
