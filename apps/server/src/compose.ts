import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseFaultsEnv, parseProfile, startSandbox, type RunningSandbox, type SandboxDescriptor } from '@tcc/sandbox';
import { createAlertTransitionHook } from './alerts/alert-outbox.js';
import { createAlertService } from './alerts/alert-service.js';
import { createAlertWorker } from './alerts/alert-worker.js';
import { createEmailSender, createWebhookSender } from './alerts/senders.js';
import { createWebhookPolicy, parseWebhookTestHosts } from './alerts/webhook-policy.js';
import { createApp } from './app.js';
import { createAuthService } from './auth/auth-service.js';
import { createSignInLimiter } from './auth/sign-in-limiter.js';
import { createAutomationService } from './automation/automation-service.js';
import { createConnectionTestService } from './automation/connection-test-service.js';
import { createOrphanRunSweep } from './automation/orphan-runs.js';
import { bootstrapUsers } from './auth/bootstrap-users.js';
import { createPrincipalResolver } from './auth/principal-resolver.js';
import type { Config } from './config.js';
import { createAuditService } from './features/audit/audit-service.js';
import { createCredentialService } from './features/credentials/credential-service.js';
import { createConnectionService } from './features/connections/connection-service.js';
import { createHeldClientIdReader } from './features/connections/read-held-client-id.js';
import { createTenantService } from './features/tenants/tenant-service.js';
import { createHealthService } from './health/health-service.js';
import { createJobScheduler, createPollingScheduler } from './health/scheduler.js';
import { createTrustRotationService } from './trust-rotation/trust-rotation-service.js';
import { createInProcessQueue } from './jobs/in-process-queue.js';
import { createPgBossQueue } from './jobs/pg-boss-queue.js';
import { createAuditTrail } from './http/audit-trail.js';
import { createLogger, type Logger } from './logger.js';
import { createGuardedFetch, sapOutboundPolicy, type OutboundFor } from './outbound/index.js';
import { loadKeyring } from './secrets/index.js';
import { createSandboxTestUser } from './sandbox/sandbox-test-user.js';
import { readSandboxDescriptor } from './sandbox/read-sandbox-descriptor.js';
import { SANDBOX_SAP_PATHS } from './sandbox/sandbox-sap-paths.js';
import { seedSandboxTenant } from './sandbox/seed-sandbox-tenant.js';
import { openStore } from './store/open-store.js';
import { openProgressBus } from './progress/open-progress-bus.js';
import { publishingRuns } from './progress/publishing-store.js';
import { createRunProgressService } from './progress/run-progress-stream.js';

export const APP_VERSION = '0.1.0';

export const secretsKeyFile = (config: Pick<Config, 'DATA_DIR'>) => path.join(config.DATA_DIR, 'secrets.key');

/**
 * The composition root: builds every module with its dependencies. Tests call it with their own config.
 * `print` shows one-time start-up notices (the initial admin's password) on the console, never in the log.
 */
export async function composeApp(
  config: Config,
  logger: Logger = createLogger(config.LOG_LEVEL),
  print: (line: string) => void = console.log,
  /** Tests only: a clock they move (a daily digest is due at midnight); production uses the system clock. */
  { clock = () => new Date() }: { clock?: () => Date } = {},
) {
  // PostgreSQL when DATABASE_URL is set, else the SQLite file in DATA_DIR (which keeps the secrets key file either way).
  const store = await openStore(config, { onPoolError: (error) => logger.warn('database connection lost', { error: error.message }) });
  const tenants = createTenantService({ store, clock, newId: randomUUID, anyoneCreatesTenants: config.TENANT_CREATION === 'all-users' });
  // Shared by every instance on PostgreSQL (rate-limiter-flexible), in memory on SQLite's one process.
  const signInLimiter = await createSignInLimiter({ perMinute: config.SIGN_INS_PER_MINUTE, databaseUrl: store.kind === 'postgres' ? config.DATABASE_URL : undefined });
  const auth = createAuthService({
    store,
    clock,
    newId: randomUUID,
    signInLimiter,
    settings: {
      sessionTtlMinutes: config.SESSION_TTL_MINUTES,
      maxFailedSignIns: config.MAX_FAILED_SIGN_INS,
      lockMinutes: config.LOCK_MINUTES,
      signInsPerMinute: config.SIGN_INS_PER_MINUTE,
      localSignIn: config.AUTH_MODE === 'local',
      anyoneCreatesTenants: config.TENANT_CREATION === 'all-users',
    },
  });
  await store.deleteExpiredSessions(clock().toISOString());
  const keyring = loadKeyring({ envKey: config.SECRETS_KEY, envPreviousKeys: config.SECRETS_PREVIOUS_KEYS, keyFile: secretsKeyFile(config) });
  const credentials = createCredentialService({ store, keyring, clock });
  if (config.AUTH_MODE === 'local') await bootstrapUsers({ store, auth }, { sandbox: config.SANDBOX !== 'off', initialAdminPassword: config.INITIAL_ADMIN_PASSWORD, print });
  let sandbox: RunningSandbox | null = null;
  let descriptor: SandboxDescriptor | null = null;
  if (config.SANDBOX === 'on') {
    sandbox = await startSandbox({
      port: config.SANDBOX_PORT,
      stateFile: path.join(config.DATA_DIR, 'sandbox-state.json'),
      faults: parseFaultsEnv(config.SANDBOX_FAULTS),
      profile: parseProfile(config.SANDBOX_PROFILE),
    });
    descriptor = sandbox.descriptor;
    // As `npm run sandbox` does: the key, hosts and users a newcomer needs, readable by the machine's owner only.
    fs.writeFileSync(path.join(config.DATA_DIR, 'sandbox.json'), JSON.stringify(descriptor, null, 2), { mode: 0o600 });
  } else if (config.SANDBOX === 'external') {
    descriptor = readSandboxDescriptor(config.SANDBOX_DESCRIPTOR);
  }
  // The one client for calls to SAP (the adapters use it); sandbox hosts are reachable only while the sandbox runs.
  // Sandbox host names (some are real SAP names, e.g. eu10's Destination service) lead to the sandbox only for
  // connections labelled sandbox; every other connection reaches SAP itself (finding 14 of "Tell the admin the truth").
  const sapOutbound = createGuardedFetch({ policy: sapOutboundPolicy({}) });
  const outbound = descriptor ? createGuardedFetch({ policy: sapOutboundPolicy(descriptor.hostMap, SANDBOX_SAP_PATHS) }) : sapOutbound;
  const outboundFor: OutboundFor = (connection) => (connection.sandbox ? outbound : sapOutbound);
  const readHeldClientId = createHeldClientIdReader({ credentials, outboundFor, timeoutMs: config.SAP_CALL_TIMEOUT_MS });
  const connections = createConnectionService({ store, clock, newId: randomUUID, readHeldClientId, sandboxRunning: descriptor !== null });
  if (descriptor && (await seedSandboxTenant({ store, tenants, connections }, descriptor))) logger.info('seeded the sandbox demo tenant');
  const sandboxCockpitUrl = descriptor ? `${descriptor.baseUrl}/sandbox/` : null;
  // SQLite: one process owns the file, so a run still "running" at start was cut by this process's crash. PostgreSQL:
  // other instances may be executing runs right now; a run whose instance died is taken over through its job (jobs/).
  if (store.kind === 'sqlite') await store.markRunningInterrupted(clock().toISOString());
  const jobs =
    store.kind === 'postgres' && config.DATABASE_URL
      ? createPgBossQueue(
          { connectionString: config.DATABASE_URL, expireSeconds: config.JOB_EXPIRE_SECONDS, maintenanceSeconds: config.JOB_MAINTENANCE_SECONDS, pollSeconds: config.JOB_POLL_SECONDS, retryLimit: config.JOB_RETRY_LIMIT, workers: config.JOB_WORKERS === 'on' },
          logger,
        )
      : createInProcessQueue();
  // Live progress of runs: whichever instance saves a run tells the followers of every instance (progress/).
  const progress = await openProgressBus(store, config, logger);
  const runStore = publishingRuns(store, progress);
  const automation = createAutomationService({
    store: runStore,
    credentials,
    outboundFor,
    clock,
    newId: randomUUID,
    timeoutMs: config.SAP_CALL_TIMEOUT_MS,
    clientIdChoice: config.S4_CLIENT_ID,
    jobs,
    runLeaseMs: config.RUN_LEASE_SECONDS * 1000,
  });
  // PostgreSQL: runs whose instance died during their preflight (before their job existed) are ended by every
  // instance's sweep, within JOB_MAINTENANCE_SECONDS of their starter's lease running out (orphan-runs.ts).
  const orphanSweep = jobs.durable ? createOrphanRunSweep({ store: runStore, clock, logger, everyMs: config.JOB_MAINTENANCE_SECONDS * 1000 }) : null;
  const testConnection = createConnectionTestService({ store, credentials, outboundFor, clock, sandboxTestUser: createSandboxTestUser(descriptor) });
  // Alerts: the health engine writes the outbox in each transition's transaction; the worker queues and delivers it.
  const webhookPolicy = createWebhookPolicy({ testHosts: parseWebhookTestHosts(config.ALERTS_WEBHOOK_TEST_HOSTS), timeoutMs: config.ALERTS_SEND_TIMEOUT_MS });
  const alertWorker = createAlertWorker({
    store,
    keyring,
    sendWebhook: createWebhookSender(webhookPolicy),
    sendEmail: config.SMTP_URL && config.SMTP_FROM ? createEmailSender({ smtpUrl: config.SMTP_URL, from: config.SMTP_FROM, timeoutMs: config.ALERTS_SEND_TIMEOUT_MS }) : null,
    clock,
    instanceId: randomUUID(),
    logger,
    settings: { pollMs: config.ALERTS_POLL_MS, retryBaseMs: config.ALERTS_RETRY_BASE_MS, maxAttempts: config.ALERTS_MAX_ATTEMPTS, leaseMs: 2 * config.ALERTS_SEND_TIMEOUT_MS + 5_000, keepDays: config.HEALTH_HISTORY_DAYS },
    jobs,
  });
  const alerts = createAlertService({ store, keyring, webhookPolicy, worker: alertWorker, smtpConfigured: Boolean(config.SMTP_URL), clock, newId: randomUUID });
  const health = createHealthService({
    store,
    credentials,
    outboundFor,
    clock,
    newId: randomUUID,
    instanceId: randomUUID(),
    // The same test as Test connection, over the health service's per-host limited client.
    testConnectionOver: (limited) => createConnectionTestService({ store, credentials, outboundFor: limited, clock, sandboxTestUser: createSandboxTestUser(descriptor) }),
    onTransition: createAlertTransitionHook({ store, newId: randomUUID }),
    settings: {
      intervalSeconds: config.HEALTH_CHECK_INTERVAL,
      maxConcurrentPerHost: config.HEALTH_MAX_CONCURRENT_PER_HOST,
      historyDays: config.HEALTH_HISTORY_DAYS,
      failuresToBroken: config.HEALTH_FAILURES_TO_BROKEN,
      leaseMs: config.HEALTH_LEASE_SECONDS * 1000,
      timeoutMs: config.SAP_CALL_TIMEOUT_MS,
      scheduled: config.HEALTH_CHECKS === 'on',
    },
  });
  // Polls a few times per interval (at least every second, at most every 30 s) for connections that are due.
  const schedulerOptions = { service: health, logger, enabled: config.HEALTH_CHECKS === 'on', pollMs: Math.min(30_000, Math.max(1_000, (config.HEALTH_CHECK_INTERVAL * 1000) / 20)) };
  // On PostgreSQL each due check is a pg-boss job (retried, taken over from a dead instance). On SQLite the poller runs
  // it itself rather than through the in-process queue: the poller's own limit (checks in flight) and its lease are
  // what keeps one process from starting hundreds of checks at once, and a queued check would only add a hop.
  const healthScheduler = jobs.durable ? createJobScheduler({ ...schedulerOptions, jobs }) : createPollingScheduler(schedulerOptions);
  // After every handler is registered: from here this instance takes jobs (on PostgreSQL, also other instances').
  await jobs.start();
  const trustRotation = createTrustRotationService({
    store,
    credentials,
    outboundFor,
    clock,
    newId: randomUUID,
    instanceId: randomUUID(),
    clientIdChoice: config.S4_CLIENT_ID,
    timeoutMs: config.SAP_CALL_TIMEOUT_MS,
    testConnection: (tenantId, connectionId) => testConnection(tenantId, connectionId),
    checkHealth: (tenantId, connectionId) => healthScheduler.checkNow(tenantId, connectionId),
  });
  const runProgress = createRunProgressService({ store, bus: progress, logger });
  const app = createApp({
    runProgress,
    config,
    automation,
    testConnection,
    logger,
    store,
    auth,
    tenants,
    connections,
    credentials,
    health,
    healthScheduler,
    alerts,
    trustRotation,
    audit: createAuditService({ store }),
    auditTrail: createAuditTrail(store, clock),
    principalOf: createPrincipalResolver(config, { auth, store, clock }),
    version: APP_VERSION,
    sandboxCockpitUrl,
    sandboxSystem: descriptor
      ? { subaccountId: descriptor.btp.subaccountId, landscapeDomain: descriptor.btp.landscapeDomain, s4Host: descriptor.s4.uiHost, s4Client: descriptor.s4.client }
      : null,
    sandboxCredentials: descriptor
      ? {
          destinationServiceKey: JSON.stringify(descriptor.btp.destinationServiceKey),
          communicationManagementUser: descriptor.s4.communicationManagement.user,
          communicationManagementPassword: descriptor.s4.communicationManagement.password,
        }
      : null,
  });
  healthScheduler.start();
  alertWorker.start();
  orphanSweep?.start();
  const close = async () => {
    runProgress.endAll();
    await orphanSweep?.stop();
    await healthScheduler.stop();
    await alertWorker.stop();
    await jobs.stop();
    await signInLimiter.close();
    await automation.idle();
    await sandbox?.close();
    await progress.close();
    await store.close();
  };
  return { app, store, logger, sandbox, outbound, automation, health, healthScheduler, runProgress, close };
}
