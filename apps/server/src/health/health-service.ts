import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { ConnectionHealth, HealthEventPage, TenantHealthSettings } from '@tcc/shared';
import type { CredentialService } from '../features/credentials/credential-service.js';
import { NotFoundError } from '../http/errors.js';
import type { OutboundFor } from '../outbound/index.js';
import type { TransitionHook } from '../store/health-store.js';
import type { Store } from '../store/types.js';
import { checkConnection, type CheckDeps, type CheckResult } from './check-connection.js';
import { nextHealth } from './health-state.js';
import { toConnectionHealth } from './health-view.js';
import { createHostLimiter } from './host-limiter.js';

export interface HealthSettings {
  /** HEALTH_CHECK_INTERVAL in seconds: the default for tenants without their own. */
  intervalSeconds: number;
  maxConcurrentPerHost: number;
  historyDays: number;
  failuresToBroken: number;
  /** SAP_CALL_TIMEOUT_MS. */
  timeoutMs: number;
  /** Whether the scheduler runs (HEALTH_CHECKS); shown in the tenant's settings. */
  scheduled: boolean;
  /** How long a claimed check is this process's; a crashed process's lease runs out after it. */
  leaseMs?: number;
}

export interface HealthServiceDeps {
  store: Store;
  credentials: CredentialService;
  outboundFor: OutboundFor;
  clock: () => Date;
  newId: () => string;
  /** Builds the connection test (connection-test-service.ts) over the given client: health passes its host-limited one. */
  testConnectionOver: (outboundFor: OutboundFor) => CheckDeps['testConnection'];
  /** Called in the transaction of each transition (alerts/ writes its outbox there); a no-op until alerts exist. */
  onTransition: TransitionHook;
  /** This process, as the holder of leases (each claim adds its own token). */
  instanceId: string;
  settings: HealthSettings;
}

const DAY_MS = 86_400_000;
export const DEFAULT_LEASE_MS = 5 * 60_000;

/** A fixed point within the interval per connection (from its id), so checks spread evenly and never move with restarts. */
export function phaseOf(connectionId: string, intervalMs: number): number {
  return createHash('sha256').update(connectionId).digest().readUInt32BE(0) % intervalMs;
}

/** The first time after `now` at the connection's phase: at most one interval away, the same slot every interval. */
export function nextSlot(connectionId: string, intervalMs: number, now: Date): string {
  const phase = phaseOf(connectionId, intervalMs);
  const start = Math.floor(now.getTime() / intervalMs) * intervalMs + phase;
  return new Date(start > now.getTime() ? start : start + intervalMs).toISOString();
}

export type CheckOutcome = 'checked' | 'busy' | 'missing';

/** Runs checks under a lease, records their outcome atomically, and answers the API's health questions. */
export function createHealthService(deps: HealthServiceDeps) {
  const { store, clock, settings } = deps;
  const leaseMs = settings.leaseMs ?? DEFAULT_LEASE_MS;
  const limited = createHostLimiter(settings.maxConcurrentPerHost, settings.timeoutMs);
  const outboundFor: OutboundFor = (connection) => limited(deps.outboundFor(connection));
  const testConnection = deps.testConnectionOver(outboundFor);

  const intervalMsOf = async (tenantId: string) => ((await store.getTenantHealthInterval(tenantId)) ?? settings.intervalSeconds) * 1000;

  /** The check itself, cut off before the lease runs out: a result nobody may write is worth nothing. */
  async function runCheck(tenantId: string, connectionId: string, previousFindings: CheckDeps['previousFindings']): Promise<CheckResult | null> {
    const aggregate = await store.getConnection(tenantId, connectionId);
    if (!aggregate) return null;
    const deadlineMs = Math.max(leaseMs - 30_000, leaseMs / 2);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<CheckResult>((resolve) => {
      timer = setTimeout(
        () => resolve({ reachable: false, certificateNotAfter: null, findings: [{ code: 'SAP_UNREACHABLE', severity: 'unknown', message: `The check did not finish within ${Math.round(deadlineMs / 1000)} s: SAP answered too slowly`, stepId: null, object: null, field: null, expected: null, actual: null }] }),
        deadlineMs,
      );
      timer.unref();
    });
    const work = checkConnection(aggregate, { credentials: deps.credentials, outbound: outboundFor(aggregate.connection), clock, timeoutMs: settings.timeoutMs, testConnection, previousFindings }).catch(
      (error: unknown): CheckResult => ({
        reachable: true,
        certificateNotAfter: null,
        findings: [{ code: 'CHECK_FAILED', severity: 'unknown', message: `The check failed: ${error instanceof Error ? error.message : String(error)}`, stepId: null, object: null, field: null, expected: null, actual: null }],
      }),
    );
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Claims the connection (one atomic UPDATE: no second checker anywhere gets it), checks it and writes the outcome
   * with its transition in one transaction. `dueOnly`: the scheduler's claim, which also requires the check to be due.
   */
  async function checkOne(tenantId: string, connectionId: string, { dueOnly }: { dueOnly: boolean }): Promise<CheckOutcome> {
    const now = clock();
    const intervalMs = await intervalMsOf(tenantId);
    // One token per claim (process and claim): releasing or saving can never touch a later claim, even of this process.
    const by = `${deps.instanceId}/${deps.newId()}`;
    const claimed = await store.claimHealthCheck(tenantId, connectionId, {
      by,
      now: now.toISOString(),
      until: new Date(now.getTime() + leaseMs).toISOString(),
      dueOnly,
      nextCheckAt: nextSlot(connectionId, intervalMs, now),
    });
    if (!claimed) return (await store.getConnection(tenantId, connectionId)) ? 'busy' : 'missing';
    try {
      const previous = await store.getHealth(tenantId, connectionId);
      const check = await runCheck(tenantId, connectionId, previous?.findings ?? []);
      if (!check) return 'missing';
      const done = clock();
      const outcome = nextHealth({ tenantId, connectionId, previous, check, now: done, failuresToBroken: settings.failuresToBroken, nextCheckAt: nextSlot(connectionId, intervalMs, done), newId: deps.newId });
      const pruneBefore = new Date(done.getTime() - settings.historyDays * DAY_MS).toISOString();
      const saved = await store.saveHealthCheck(tenantId, connectionId, by, { ...outcome, pruneBefore }, deps.onTransition).catch(async (error: unknown) => {
        // The connection was deleted meanwhile (its rows went with it): nothing to record.
        if (!(await store.getConnection(tenantId, connectionId))) return false;
        throw error;
      });
      return saved ? 'checked' : 'busy';
    } finally {
      // Saving released it already; this covers a check that ended otherwise.
      await store.releaseHealthCheck(connectionId, by).catch(() => undefined);
    }
  }

  /** Waits while another checker (here or on another server) holds the connection: its result is the answer. */
  async function untilFree(connectionId: string) {
    const giveUp = Date.now() + leaseMs;
    while (Date.now() < giveUp && (await store.healthCheckLeased(connectionId, clock().toISOString()))) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const requireConnection = async (tenantId: string, connectionId: string) => {
    const aggregate = await store.getConnection(tenantId, connectionId);
    if (!aggregate) throw new NotFoundError('This connection does not exist (any more).');
    return aggregate;
  };

  const service = {
    checkOne,

    /** Check now: a check already running (anywhere) is waited for instead of a second one. */
    async checkNow(tenantId: string, connectionId: string): Promise<ConnectionHealth> {
      await requireConnection(tenantId, connectionId);
      const outcome = await checkOne(tenantId, connectionId, { dueOnly: false });
      if (outcome === 'missing') throw new NotFoundError('This connection does not exist (any more).');
      if (outcome === 'busy') await untilFree(connectionId);
      return service.health(tenantId, connectionId);
    },

    /** Every connection of the tenant, a few at a time (the host limiter spaces the SAP calls). */
    async checkTenant(tenantId: string): Promise<{ checked: number }> {
      const ids = await store.listConnectionIds(tenantId);
      const limit = pLimit(8);
      const outcomes = await Promise.all(
        ids.map((id) =>
          limit(async () => {
            const outcome = await checkOne(tenantId, id, { dueOnly: false });
            if (outcome === 'busy') await untilFree(id);
            return outcome;
          }),
        ),
      );
      return { checked: outcomes.filter((o) => o !== 'missing').length };
    },

    async health(tenantId: string, connectionId: string): Promise<ConnectionHealth> {
      const aggregate = await requireConnection(tenantId, connectionId);
      return toConnectionHealth(aggregate.health, clock());
    },

    async history(tenantId: string, connectionId: string, { page, pageSize }: { page: number; pageSize: number }): Promise<HealthEventPage> {
      await requireConnection(tenantId, connectionId);
      const { rows, total } = await store.listHealthEvents(tenantId, connectionId, page, pageSize);
      return { items: rows.map(({ signature: _signature, ...event }) => event), total, page, pageSize };
    },

    async settingsOf(tenantId: string): Promise<TenantHealthSettings> {
      const own = await store.getTenantHealthInterval(tenantId);
      return { intervalMinutes: own === null ? null : Math.round(own / 60), effectiveIntervalSeconds: own ?? settings.intervalSeconds, scheduledChecks: settings.scheduled };
    },

    /** A new interval applies from each connection's next check on. */
    async setInterval(tenantId: string, intervalMinutes: number | null): Promise<TenantHealthSettings> {
      if (!(await store.setTenantHealthInterval(tenantId, intervalMinutes === null ? null : intervalMinutes * 60))) throw new NotFoundError('This tenant does not exist (any more).');
      return service.settingsOf(tenantId);
    },

    /** For the scheduler: new connections get their slot; due ones are listed. */
    schedule: async (limit: number) => {
      const now = clock();
      // A new connection's first slot is within the server's interval; its tenant's own interval applies from then on.
      await store.scheduleUnscheduledConnections(({ connectionId }) => nextSlot(connectionId, settings.intervalSeconds * 1000, now), 500);
      return store.dueHealthChecks(now.toISOString(), limit);
    },

    prune: () => store.pruneHealthEvents(new Date(clock().getTime() - settings.historyDays * DAY_MS).toISOString()),
  };
  return service;
}

export type HealthService = ReturnType<typeof createHealthService>;
