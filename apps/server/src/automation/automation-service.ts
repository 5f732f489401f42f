import { AsyncLocalStorage } from 'node:async_hooks';
import type { JobQueue } from '../jobs/job-queue.js';
import { STEP_CATALOGUE, type TenantSapFacts, type AutomationPlan, type AutomationRun, type AutomationUnitId, type EnteredValues, type StepVerification } from '@tcc/shared';
import { certificateFacts } from '../certificates/analyze-certificate.js';
import { readCertificateFile } from '../certificates/read-certificate-file.js';
import type { CredentialService } from '../features/credentials/credential-service.js';
import { ConflictError, InputError, NotFoundError } from '../http/errors.js';
import type { OutboundFor } from '../outbound/index.js';
import type { SapCallRecord } from '../sap/http/call-log.js';
import { STARTER_LEASE_PREFIX } from '../store/automation-store.js';
import type { ConnectionAggregate, StepRecord, Store } from '../store/types.js';
import { automationContext } from './automation-context.js';
import { endOrphanRuns } from './orphan-runs.js';
import { preflight } from './preflight.js';
import { NOTHING_TO_REPAIR, readOnlyContext, repairPlanOf, repairSetOf } from './repair.js';
import { readTenantFacts, type ClientIdChoice } from './tenant-facts.js';
import { UNIT_LABELS, type UnitContext, type UnitOutcome } from './unit.js';
import { AUTOMATION_PLAN_ORDER, dependenciesOf } from './units/index.js';
import { ANOTHER_CONNECTION, OWNER_PROPERTY } from './units/destination-owner.js';

const ACTOR_SUFFIX = ' (assisted setup)';

/** Which unit a SAP call belongs to, for the run's call log and the critical-path figures of `npm run bench`. */
const currentUnit = new AsyncLocalStorage<AutomationUnitId>();

export interface AutomationDeps {
  /** Per attempt of each SAP call (SAP_CALL_TIMEOUT_MS). */
  timeoutMs?: number;
  /** S4_CLIENT_ID: rename a derived OAuth 2.0 client ID to the user name, or use it as derived (tenant-facts.ts). */
  clientIdChoice?: ClientIdChoice;
  store: Store;
  credentials: CredentialService;
  /** The guarded client for a connection (sandbox hosts only for sandbox connections). */
  outboundFor: OutboundFor;
  clock: () => Date;
  newId: () => string;
  /**
   * Where runs execute (jobs/): in this process on SQLite; on PostgreSQL as pg-boss jobs that another instance picks
   * up when this one dies. The same path either way: start() queues, runJob() executes.
   */
  jobs: JobQueue;
  /** This process, as the holder of run leases. */
  instanceId?: string;
  /** How long an executing instance's lease on a run lasts without renewal (renewed every third of it). */
  runLeaseMs?: number;
}

/** What a queued run carries: everything else is read again by whichever instance executes it. */
interface RunJob {
  tenantId: string;
  connectionId: string;
  runId: string;
  confirmChanges: boolean;
  repairUnits: AutomationUnitId[] | null;
  /** The starter's lease on the run (STARTER_LEASE_PREFIX): the job's first lease takes it over, no cut. */
  handedFrom?: string;
}

/** Plans, runs and records assisted setup; every unit lives in ./units, one file each. */
export function createAutomationService({ store, credentials, outboundFor, clock, newId, timeoutMs, clientIdChoice = 'user-name', jobs, instanceId = newId(), runLeaseMs = 30_000 }: AutomationDeps) {
  /**
   * What start() read for a run (the connection, the context its preflight passed with), kept for the job when it
   * runs in this process (SQLite's in-process queue): it need not read both systems again. A pg-boss job may run on
   * any instance, so it always reads afresh.
   */
  const prepared = new Map<string, { aggregate: ConnectionAggregate; context: UnitContext; run: AutomationRun }>();

  const load = async (tenantId: string, connectionId: string) => {
    const aggregate = await store.getConnection(tenantId, connectionId);
    if (!aggregate) throw new NotFoundError('This connection does not exist (any more).');
    return aggregate;
  };

  /**
   * Verify read SAP and SAP contradicts a step recorded as done: the step is failed with what SAP showed, so the
   * connection needs attention until it is fixed. A step not claimed done only hears the answer.
   */
  async function contradicted(aggregate: ConnectionAggregate, stepId: number, by: string, verification: StepVerification): Promise<StepVerification> {
    const { tenantId, id } = aggregate.connection;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = (await store.getConnection(tenantId, id))!;
      const step = current.steps.find((s) => s.stepId === stepId);
      if (step?.status !== 'done') return verification;
      const at = clock().toISOString();
      const failed: StepRecord = { ...step, status: 'failed', note: verification.message, updatedAt: at, updatedBy: `${by} (Verify in SAP)` };
      if ((await store.changeConnection(tenantId, id, current.connection.version, { steps: [failed] }, { at, by })) === 'changed') return verification;
    }
    return verification;
  }

  /** Records a unit's seed steps as done, with the values it found or made; retried if a colleague saved meanwhile. */
  async function recordSteps(aggregate: ConnectionAggregate, steps: number[], outcome: UnitOutcome, by: string, ctx: UnitContext) {
    const { tenantId, id } = aggregate.connection;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = (await store.getConnection(tenantId, id))!;
      const at = clock().toISOString();
      const records: StepRecord[] = steps.map((stepId) => {
        const inputs = STEP_CATALOGUE.find((s) => s.id === stepId)!.inputs.map((i) => i.key);
        const values = Object.fromEntries(Object.entries(outcome.stepValues ?? {}).filter(([k]) => inputs.includes(k as never))) as EnteredValues;
        // A step left to the admin is reopened with the reason, even if it was done before (e.g. the trust was renewed since).
        if (outcome.manual && outcome.manualSteps?.includes(stepId)) return { stepId, status: 'in_progress', values, note: outcome.manual, updatedAt: at, updatedBy: by };
        return { stepId, status: 'done', values, note: null, updatedAt: at, updatedBy: by };
      });
      const certificate =
        steps.includes(1) && ctx.facts.trust
          ? { ...certificateFacts(readCertificateFile(Buffer.from(ctx.facts.trust.pem))), fileName: 'trust certificate (read through the Destination service)', uploadedAt: at, uploadedBy: by }
          : undefined;
      const result = await store.changeConnection(tenantId, id, current.connection.version, { steps: records, ...(certificate ? { certificate } : {}) }, { at, by });
      if (result === 'changed') return;
    }
    throw new ConflictError('STALE_VERSION', 'The connection kept changing while assisted setup recorded its progress.');
  }

  /**
   * Runs every unit in dependency order. A repair run (`repairSet`) changes only the drifted units; the others are
   * applied read-only (readOnlyContext), for the facts later units need, and their steps are not recorded again.
   */
  async function execute(aggregate: ConnectionAggregate, run: AutomationRun, ctx: UnitContext, confirmChanges: boolean, repairSet?: ReadonlySet<AutomationUnitId>) {
    const { tenantId, id } = aggregate.connection;
    const status = (unit: AutomationUnitId) => run.units.find((u) => u.unit === unit)!;
    // One save after another: two units finishing at once must not reach the database in the other order (an older
    // state written last). Each save writes the run as it is by then, so the last one written is the newest.
    let saving: Promise<void> = Promise.resolve();
    const save = () => (saving = saving.catch(() => undefined).then(() => store.saveRun(tenantId, id, run)));
    // Steps are recorded one unit after another too: units recording at once would each find the connection's version
    // taken by another and run out of retries (recordSteps).
    let recording: Promise<void> = Promise.resolve();
    const record = (steps: () => Promise<void>) => (recording = recording.catch(() => undefined).then(steps));
    try {
      // Each unit starts as soon as the units that give the data it needs have applied (units/index.ts), not when a
      // whole "wave" is, nor when their steps are recorded: the recording goes on beside the units after them.
      const applied = new Map<AutomationUnitId, Promise<void>>();
      const finished = new Map<AutomationUnitId, Promise<void>>();
      for (const unit of AUTOMATION_PLAN_ORDER) {
        const after = Promise.all(dependenciesOf(unit).map((dependency) => applied.get(dependency)!));
        const readOnly = repairSet !== undefined && !repairSet.has(unit.id);
        const failed = (error: unknown) => {
          Object.assign(status(unit.id), { status: 'failed', message: error instanceof Error ? error.message : String(error) });
          throw error;
        };
        const applying = after.then(async () => {
          status(unit.id).status = 'running';
          await save();
          return currentUnit.run(unit.id, () => unit.apply(readOnly ? readOnlyContext(ctx, unit.id) : ctx, { confirmChanges })).catch(failed);
        });
        const done = applying.then(() => undefined);
        done.catch(() => undefined); // a unit nobody waits for: its failure is the run's (finished, below), not unhandled
        applied.set(unit.id, done);
        finished.set(
          unit.id,
          applying
            .then(async (outcome) => {
              if (!readOnly) await record(() => recordSteps(aggregate, unit.steps, outcome, `${run.startedBy}${ACTOR_SUFFIX}`, ctx)).catch(failed);
              Object.assign(status(unit.id), { status: outcome.manual ? 'manual' : 'done', message: outcome.manual ?? null });
            })
            // Followers see each unit finish (live progress), not only when the next one starts; the run's last save records it anyway.
            .finally(() => (status(unit.id).status === 'pending' ? undefined : save().catch(() => undefined))),
        );
      }
      const outcomes = await Promise.allSettled(finished.values());
      const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failure) throw failure.reason;
      // Steps left to the admin are no success: the run says so until they are done and verified.
      run.status = run.units.some((u) => u.status === 'manual') ? 'manual' : 'succeeded';
    } catch (error) {
      run.status = 'failed';
      run.error = error instanceof Error ? error.message : String(error);
      for (const unit of run.units) if (unit.status === 'pending' || unit.status === 'running') unit.status = 'skipped';
    } finally {
      run.finishedAt = clock().toISOString();
      // The connection may be gone (deleted during the run): the record then goes with it; never crash the process.
      await save().catch(() => undefined);
    }
  }

  /** Reads both systems and says what a run would do; changes nothing. */
  async function planFor(aggregate: ConnectionAggregate): Promise<AutomationPlan> {
    const built = await automationContext(aggregate, { credentials, outbound: outboundFor(aggregate.connection), clock, clientIdChoice, log: () => {} });
    if (!built.ok) return { units: [], blockers: built.blockers, needsConfirmation: false };
    const units: AutomationPlan['units'] = [];
    const blockers = await preflight(built.context);
    const blocked = (unit: (typeof AUTOMATION_PLAN_ORDER)[number]) =>
      units.push({ unit: unit.id, system: unit.system, steps: unit.steps, action: 'blocked', object: UNIT_LABELS[unit.id], summary: 'Cannot be planned yet (see the problems above).', diff: [] });
    for (const unit of AUTOMATION_PLAN_ORDER) {
      // A system that did not answer the preflight is not asked again unit by unit (one message, not six).
      if (built.context.unreachable?.has(unit.system)) {
        blocked(unit);
        continue;
      }
      // A unit whose dependency could not be read cannot know what exists either: never "create" on a guess.
      if (dependenciesOf(unit).some((d) => units.find((u) => u.unit === d)?.action === 'blocked')) {
        blocked(unit);
        continue;
      }
      try {
        units.push({ unit: unit.id, system: unit.system, steps: unit.steps, ...(await unit.plan(built.context)) });
      } catch (error) {
        blockers.push(error instanceof Error ? error.message : String(error));
        blocked(unit);
      }
    }
    // One cause (a refused SAP_COM_0A48 user, say) stops several units: say it once.
    // Another connection's object needs confirmation even where its fields match: adopting it is a takeover.
    const toConfirm = (u: AutomationPlan['units'][number]) => u.action === 'update' && (u.diff.length > 0 || u.createdBy === 'another-connection');
    return { units, blockers: [...new Set(blockers)], needsConfirmation: units.some(toConfirm) };
  }

  /**
   * What a repair changes, planned afresh before anything is claimed or written: refused when something blocks the
   * plan, when nothing drifted, or when it changes existing objects and the diff was not confirmed.
   */
  async function repairSetFor(aggregate: ConnectionAggregate, confirmChanges: boolean): Promise<Set<AutomationUnitId>> {
    const plan = await planFor(aggregate);
    if (plan.blockers.length) throw new InputError(`Repair cannot start: ${plan.blockers.join(' ')}`);
    const repairSet = repairSetOf(plan);
    if (repairSet.size === 0) throw new InputError(NOTHING_TO_REPAIR);
    if (plan.needsConfirmation && !confirmChanges) {
      const changed = plan.units.filter((u) => u.action === 'update' && repairSet.has(u.unit)).map((u) => u.object);
      throw new InputError(`Repair changes existing SAP objects (${changed.join(', ')}): review the repair and confirm the changes.`);
    }
    return repairSet;
  }

  /**
   * A queued run, on whichever instance took the job — first or after the instance that had it died. It holds the
   * run's lease while it works (renewed), so a retried job never executes a run that a live instance still executes;
   * the units read before they write, so resuming a half-done run makes no second object.
   */
  async function runJob({ tenantId, connectionId, runId, confirmChanges, repairUnits, handedFrom }: RunJob): Promise<void> {
    const warm = prepared.get(runId);
    prepared.delete(runId);
    const run = await store.latestRun(tenantId, connectionId);
    if (!run || run.id !== runId || run.status !== 'running') return;
    const by = `${instanceId}/${newId()}`;
    const lease = () => {
      const now = clock();
      return { by, now: now.toISOString(), until: new Date(now.getTime() + runLeaseMs).toISOString() };
    };
    if (!(await store.leaseRun(runId, { ...lease(), from: handedFrom }))) throw new Error(`Run ${runId} is being executed by another instance; the job is retried later.`);
    const renew = setInterval(() => void store.leaseRun(runId, lease()).catch(() => undefined), Math.max(1_000, runLeaseMs / 3));
    renew.unref();
    try {
      // The run object start() answered with: its context logs the SAP calls into it.
      if (warm) return await execute(warm.aggregate, warm.run, warm.context, confirmChanges, repairUnits ? new Set(repairUnits) : undefined);
      const aggregate = await store.getConnection(tenantId, connectionId);
      if (!aggregate) return;
      const calls = run.calls;
      const built = await automationContext(aggregate, { credentials, outbound: outboundFor(aggregate.connection), clock, timeoutMs, clientIdChoice, log: (record) => calls.push({ ...record, unit: currentUnit.getStore() ?? null }) }).catch(
        (error: unknown) => ({ ok: false as const, blockers: [error instanceof Error ? error.message : String(error)] }),
      );
      const before = calls.length;
      const problems = built.ok ? await preflight(built.context) : built.blockers;
      calls.splice(before); // the preflight's reads are not part of the run
      if (!built.ok || problems.length) {
        Object.assign(run, { status: 'failed', error: problems.join(' '), finishedAt: clock().toISOString() });
        for (const unit of run.units) if (unit.status === 'pending' || unit.status === 'running') unit.status = 'skipped';
        await store.saveRun(tenantId, connectionId, run);
        return;
      }
      await execute(aggregate, run, built.context, confirmChanges, repairUnits ? new Set(repairUnits) : undefined);
    } finally {
      clearInterval(renew);
      await store.releaseRun(runId, by).catch(() => undefined);
    }
  }

  /**
   * The dead letter of a run: its job used up its retries (JOB_RETRY_LIMIT), each cut by an instance that stopped —
   * or still held by a live one. A held run gets a fresh job (its instance may still die), due when the lease would
   * run out if not renewed: sooner, it would only find the lease held, fail and come back here at once, over and over;
   * any other is marked interrupted with why, never left running with nobody to execute it.
   */
  async function giveUpRun(job: RunJob): Promise<void> {
    const ended = await store.interruptCutRun(job.runId, clock().toISOString(), (cuts) => {
      const why = cuts > 0 ? `The run was cut ${cuts === 1 ? 'once' : `${cuts} times`} by servers that stopped while executing it` : 'The run could not be executed: every attempt to start it failed';
      return `${why}, and is not retried any more. Start it again: it resumes where it stopped (what it made in SAP is adopted).`;
    });
    if (ended === 'ended') return;
    if (ended === 'held') return jobs.send<RunJob>('assisted-setup', job, { singletonKey: job.connectionId, startAfterMs: runLeaseMs });
    const run = await store.latestRun(job.tenantId, job.connectionId);
    if (run?.id !== job.runId) return;
    for (const unit of run.units) if (unit.status === 'pending' || unit.status === 'running') unit.status = 'skipped';
    // Written again through the publishing store: followers of the run see it end, its unfinished units skipped.
    await store.saveRun(job.tenantId, job.connectionId, run);
  }
  jobs.work<RunJob>('assisted-setup', runJob, { onGiveUp: giveUpRun });

  return {
    /** Reads both systems and says what a run would do; changes nothing. A repair plan lists only what drifted (repair.ts). */
    async plan(tenantId: string, connectionId: string, { repair = false }: { repair?: boolean } = {}): Promise<AutomationPlan> {
      const plan = await planFor(await load(tenantId, connectionId));
      return repair ? repairPlanOf(plan) : plan;
    },

    /** "SAP facts for this tenant": reads $metadata and the OAuth 2.0 inbound users; changes nothing in SAP. */
    async readSapFacts(tenantId: string, connectionId: string): Promise<TenantSapFacts> {
      const aggregate = await load(tenantId, connectionId);
      const readAt = clock().toISOString();
      const s4ApiHost = aggregate.connection.s4ApiHost;
      const built = await automationContext(aggregate, { credentials, outbound: outboundFor(aggregate.connection), clock, clientIdChoice, log: () => {} });
      if (!built.ok) return { readAt, s4ApiHost, problems: built.blockers, facts: [] };
      try {
        return { readAt, s4ApiHost, problems: [], facts: (await readTenantFacts(built.context.s4, clientIdChoice)).facts };
      } catch (error) {
        return { readAt, s4ApiHost, problems: [error instanceof Error ? error.message : String(error)], facts: [] };
      }
    },

    /**
     * Starts a run in the background; a second start while one runs answers 409. A repair plans first (read only) and
     * starts only when something drifted and its changes are confirmed: nothing is written otherwise.
     */
    async start(tenantId: string, connectionId: string, actor: string, confirmChanges: boolean, { repair = false }: { repair?: boolean } = {}): Promise<AutomationRun> {
      const aggregate = await load(tenantId, connectionId);
      const repairSet = repair ? await repairSetFor(aggregate, confirmChanges) : undefined;
      const calls: SapCallRecord[] = [];
      const run: AutomationRun = {
        id: newId(),
        status: 'running',
        startedAt: clock().toISOString(),
        finishedAt: null,
        startedBy: actor,
        units: AUTOMATION_PLAN_ORDER.map((u) => ({ unit: u.id, status: 'pending', message: null, ...(repairSet ? { repair: repairSet.has(u.id) } : {}) })),
        calls,
        error: null,
      };
      // A rotation switches the communication system's certificate: a run would write the one it read before (and Repair too).
      if (await store.rotationLeased(connectionId, clock().toISOString())) throw new ConflictError('CONFLICT', 'A trust certificate rotation of this connection is running: start when it has finished.');
      // Claimed in the database before any SAP call: two clicks, tabs or servers cannot run the same setup twice. The
      // claim is leased to this start (renewed while the preflight reads SAP) until the run's job takes it over: if
      // this instance dies before queueing the job, the lease runs out and the run is an orphan that a later start, or
      // any instance's sweep (orphan-runs.ts), ends — never a run "running" with nobody on it, blocking the connection.
      const starter = `${STARTER_LEASE_PREFIX}${instanceId}/${run.id}`;
      const starterLease = () => {
        const now = clock();
        return { by: starter, now: now.toISOString(), until: new Date(now.getTime() + runLeaseMs).toISOString() };
      };
      const claim = () => store.claimRun(tenantId, connectionId, run, starterLease());
      if (!(await claim()) && !((await endOrphanRuns(store, clock().toISOString(), connectionId)) > 0 && (await claim()))) {
        throw new ConflictError('CONFLICT', 'Assisted setup is already running for this connection.');
      }
      const renew = setInterval(() => void store.leaseRun(run.id, starterLease()).catch(() => undefined), Math.max(1_000, runLeaseMs / 3));
      renew.unref();
      const refuse = async (problems: string[]) => {
        Object.assign(run, { status: 'failed', error: problems.join(' '), finishedAt: clock().toISOString() });
        for (const unit of run.units) unit.status = 'skipped';
        await store.saveRun(tenantId, connectionId, run);
        throw new InputError(`Assisted setup cannot start: ${problems.join(' ')}`);
      };
      let context: UnitContext;
      try {
        const built = await automationContext(aggregate, { credentials, outbound: outboundFor(aggregate.connection), clock, timeoutMs, clientIdChoice, log: (record) => calls.push({ ...record, unit: currentUnit.getStore() ?? null }) }).catch(
          (error: unknown) => ({ ok: false as const, blockers: [error instanceof Error ? error.message : String(error)] }),
        );
        if (!built.ok) return await refuse(built.blockers);
        const problems = await preflight(built.context);
        if (problems.length) return await refuse(problems);
        context = built.context;
        // Still ours? Only if the lease could not be renewed for all its length (the database away) and another
        // instance ended the run as an orphan meanwhile: it must not be written back to running, nor queued.
        if (!(await store.leaseRun(run.id, starterLease()))) throw new ConflictError('CONFLICT', 'This run was ended while its preflight ran (its lease could not be renewed). Start it again.');
      } finally {
        clearInterval(renew);
      }
      calls.length = 0; // the preflight's reads are not part of the run
      run.startedAt = clock().toISOString(); // the run proper starts now: its wall time leaves out the preflight
      // Any instance may execute it (and another take over if that one dies): the job carries ids, not secrets.
      await store.saveRun(tenantId, connectionId, run);
      if (!jobs.durable) prepared.set(run.id, { aggregate, context, run });
      try {
        const job: RunJob = { tenantId, connectionId, runId: run.id, confirmChanges, repairUnits: repairSet ? [...repairSet] : null, handedFrom: starter };
        await jobs.send<RunJob>('assisted-setup', job, { singletonKey: connectionId });
      } catch (error) {
        prepared.delete(run.id);
        // Not queued: the run must not stay "running" with nobody to execute it.
        Object.assign(run, { status: 'failed', error: `The run could not be queued: ${error instanceof Error ? error.message : String(error)}`, finishedAt: clock().toISOString() });
        for (const unit of run.units) unit.status = 'skipped';
        await store.saveRun(tenantId, connectionId, run);
        throw error;
      }
      // Handed on: the job owns the run now (its expiry, retries and dead letter end it if its instances die). Released
      // at once, not left to run out, so a job that waits for a worker longer than the lease is no orphan. A no-op if
      // the job took the lease first.
      await store.releaseRun(run.id, starter).catch(() => undefined);
      return run;
    },

    async latest(tenantId: string, connectionId: string): Promise<AutomationRun> {
      const run = await store.latestRun(tenantId, connectionId);
      if (!run) throw new NotFoundError('Assisted setup has not run for this connection yet.');
      return run;
    },

    /**
     * "Verify" for a step done by hand: plan up to the step's unit (read only); if SAP holds what the step must leave
     * behind, record the step done with the values found, else say what is missing or which field differs.
     */
    async verify(tenantId: string, connectionId: string, stepId: number, actor: string): Promise<StepVerification> {
      const aggregate = await load(tenantId, connectionId);
      const target = AUTOMATION_PLAN_ORDER.find((unit) => unit.steps.includes(stepId));
      if (!target) throw new NotFoundError(`There is no step ${stepId}.`);
      const built = await automationContext(aggregate, { credentials, outbound: outboundFor(aggregate.connection), clock, clientIdChoice, log: () => {} });
      if (!built.ok) return { stepId, verified: false, message: built.blockers.join(' '), diff: [] };
      for (const unit of AUTOMATION_PLAN_ORDER.slice(0, AUTOMATION_PLAN_ORDER.indexOf(target))) await unit.plan(built.context).catch(() => undefined);
      const plan = await target.plan(built.context);
      if (plan.action === 'create') return contradicted(aggregate, stepId, actor, { stepId, verified: false, message: `Not found in SAP: ${plan.object}. Do the step in SAP, then verify again.`, diff: [] });
      // A secret (the user's password) cannot be read back from SAP: Verify cannot judge it; Test connection does.
      const onlySecrets = plan.action === 'update' && plan.diff.length > 0 && plan.diff.every((d) => d.secret);
      if (plan.createdBy === 'another-connection') {
        // Verify changes nothing, and the other connection's mark stays until someone decides whose it is.
        const message = `${plan.object} ${ANOTHER_CONNECTION}. To use it for this connection, let assisted setup take it over (Set up automatically, review the plan and confirm), or remove its property ${OWNER_PROPERTY} in the BTP cockpit and verify again.`;
        return contradicted(aggregate, stepId, actor, { stepId, verified: false, message, diff: plan.diff });
      }
      if (plan.action !== 'adopt' && plan.action !== 'read' && !onlySecrets) {
        // Verify changes nothing: say what differs and where it can be changed, not the plan's "will be changed".
        const fields = plan.diff.map((d) => d.field).join(', ');
        const message = `${plan.object} in SAP differs from what this step needs${fields ? ` (${fields})` : ''}. Change it in SAP and verify again, or let assisted setup change it: Set up automatically, review the plan and confirm.`;
        return contradicted(aggregate, stepId, actor, { stepId, verified: false, message, diff: plan.diff });
      }
      // Nothing to confirm: apply only reads here (the plan found the object as required), and records what it read.
      const context = onlySecrets ? { ...built.context, desired: { ...built.context.desired, passwordSetInS4: true } } : built.context;
      const outcome = await target.apply(context, { confirmChanges: false }).catch((error: unknown) => error as Error);
      if (outcome instanceof Error) return { stepId, verified: false, message: outcome.message, diff: [] };
      await recordSteps(aggregate, [stepId], outcome, actor, context);
      const message = onlySecrets ? `${plan.object} exists. Its password cannot be read from SAP: Test connection checks it.` : plan.summary;
      return { stepId, verified: true, message: `Verified in SAP: ${message}`, diff: [] };
    },

    /** For tests and shutdown: waits for runs in flight. */
    idle: () => jobs.idle(),
  };
}

export type AutomationService = ReturnType<typeof createAutomationService>;
