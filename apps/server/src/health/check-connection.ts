import { createHash } from 'node:crypto';
import { CERTIFICATE_THRESHOLDS_DAYS, STEP_CATALOGUE, type ConnectionTest, type HealthFinding, type UnitPlan } from '@tcc/shared';
import { automationContext } from '../automation/automation-context.js';
import type { UnitContext } from '../automation/unit.js';
import { AUTOMATION_PLAN_ORDER, dependenciesOf } from '../automation/units/index.js';
import { trustFactsOf } from '../automation/units/trust-certificate.js';
import { problemsOf } from '../certificates/refuse-unusable-certificate.js';
import type { CredentialService } from '../features/credentials/credential-service.js';
import type { GuardedFetch } from '../outbound/index.js';
import { BtpError } from '../sap/btp/errors.js';
import { S4Error } from '../sap/s4hana/index.js';
import type { ConnectionAggregate } from '../store/types.js';
import { certificateDaysLeft } from './health-view.js';
import { findingsOfPlan } from './plan-findings.js';

/** A finding before the state machine dates it (health-state.ts sets `since`). */
export type Finding = Omit<HealthFinding, 'since'>;

export interface CheckResult {
  findings: Finding[];
  /** False when some part of SAP could not be read: no answer, 5xx, 429 or a timeout (after sap/http's retries). */
  reachable: boolean;
  /** The active trust certificate's notAfter: read from BTP, else the stored one; null when neither is known. */
  certificateNotAfter: string | null;
}

export interface CheckDeps {
  credentials: CredentialService;
  /** The connection's guarded client, already limited per SAP host (host-limiter.ts). */
  outbound: GuardedFetch;
  clock: () => Date;
  timeoutMs?: number;
  /** The connection test service (connection-test-service.ts), the end-to-end proof; never records as the last test. */
  testConnection: (tenantId: string, connectionId: string, options: { record: false }) => Promise<ConnectionTest>;
  /** The findings of the last check: a test user the identity provider refused is not tried again with the same password. */
  previousFindings?: readonly HealthFinding[];
}

const TEST_USER_REFUSED = 'test user sign-in';

const finding = (code: string, severity: Finding['severity'], message: string, more: Partial<Omit<Finding, 'code' | 'severity' | 'message'>> = {}): Finding => ({
  code,
  severity,
  message,
  stepId: null,
  object: null,
  field: null,
  expected: null,
  actual: null,
  ...more,
});

/** No answer, 5xx or 429 after retries: SAP could not be read now, which says nothing about the setup. */
export function isTransportFailure(error: unknown): boolean {
  if (error instanceof S4Error) return error.upstreamStatus === null || error.upstreamStatus === 429 || error.upstreamStatus >= 500;
  if (error instanceof BtpError) return error.status === 502;
  return false;
}

/** SAP refused the monitoring credentials (the service key, the SAP_COM_0A48 user): the check cannot see, Task Center may still work. */
const isCredentialRefusal = (error: unknown) =>
  (error instanceof S4Error && (error.upstreamStatus === 401 || error.upstreamStatus === 403)) || (error instanceof BtpError && (error.upstreamStatus === 401 || error.upstreamStatus === 403));

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Expiry by the thresholds 60/30/7 days (warning) and expired (broken); `where` says where it was read. */
export function expiryFindings(notAfter: string, now: Date, where: string): Finding[] {
  const days = certificateDaysLeft(notAfter, now)!;
  const object = 'trust certificate';
  const date = notAfter.slice(0, 10);
  if (Date.parse(notAfter) <= now.getTime()) {
    return [finding('TRUST_EXPIRED', 'broken', `The ${where} trust certificate expired on ${date}: S/4HANA rejects the SAML assertions it signs. Renew it in the BTP cockpit (Destination Trust), then upload it to the communication system.`, { stepId: 1, object, field: 'notAfter', expected: 'in the future', actual: notAfter })];
  }
  const threshold = [...CERTIFICATE_THRESHOLDS_DAYS].reverse().find((t) => t > 0 && days <= t);
  if (threshold === undefined) return [];
  const advice = threshold <= 30 ? 'Rotate it now without downtime: generate the passive certificate, put it on the S/4HANA communication system, then make it active.' : 'Plan the rotation: a passive certificate lets you switch without downtime.';
  return [finding('TRUST_EXPIRES_SOON', 'warning', `The ${where} trust certificate expires in ${days} day(s), on ${date} (within ${threshold} days). ${advice}`, { stepId: 1, object, field: 'notAfter', expected: `more than ${threshold} days left`, actual: `${days} days left` })];
}

const fingerprintOf = (base64: string | null | undefined) => (base64 ? createHash('sha256').update(Buffer.from(base64.replace(/\s+/g, ''), 'base64')).digest('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:') : null);

/**
 * One read-only check of one connection through the assisted-setup adapters and units (their `plan`, which only reads):
 * a unit that would create its object means it is missing, an update's diff is drift field by field, and the end-to-end
 * test runs where a user token can be had. Never changes SAP.
 */
export async function checkConnection(aggregate: ConnectionAggregate, deps: CheckDeps): Promise<CheckResult> {
  const now = deps.clock();
  const { tenantId, id } = aggregate.connection;
  const findings: Finding[] = [];
  let reachable = true;
  let certificateNotAfter = aggregate.certificate?.notAfter ?? null;

  // What a credential-less check can tell: the stored certificate's expiry; the rest is unknown.
  const built = await automationContext(aggregate, { credentials: deps.credentials, outbound: deps.outbound, clock: deps.clock, log: () => {}, timeoutMs: deps.timeoutMs, clientIdChoice: 'as-derived' });
  if (!built.ok) {
    if (aggregate.certificate) findings.push(...expiryFindings(aggregate.certificate.notAfter, now, 'stored'));
    const refused = built.blockers.find((b) => b.startsWith('S/4HANA refused'));
    findings.push(
      refused
        ? finding('CREDENTIALS_REFUSED', 'unknown', `Not monitored: ${refused}`)
        : finding('CREDENTIALS_MISSING', 'unknown', `Add credentials to monitor this connection: ${built.blockers.join(' ')}`),
    );
    return { findings, reachable, certificateNotAfter };
  }
  const ctx = built.context;
  /** Systems that did not answer (after retries): their further objects are not asked for, one cause is said once. */
  const down = new Set<'btp' | 's4hana'>();
  /** A failed read: no answer counts against reachability; a refusal or anything else is said as a finding. */
  const failed = (error: unknown, what: string, system?: 'btp' | 's4hana') => {
    if (isTransportFailure(error)) {
      reachable = false;
      if (system) down.add(system);
      findings.push(finding('SAP_UNREACHABLE', 'unknown', `SAP did not answer while the check read the ${what}: ${messageOf(error)}`, { object: what }));
    } else if (isCredentialRefusal(error)) {
      findings.push(finding('CREDENTIALS_REFUSED', 'unknown', `Not monitored: ${messageOf(error)}`, { object: what }));
    } else {
      findings.push(finding('CHECK_FAILED', 'unknown', `The ${what} could not be checked: ${messageOf(error)}`, { object: what }));
    }
  };

  /** False when the key reads another subaccount's trust: nothing that depends on it can be judged. */
  const readTrust = async (): Promise<boolean> => {
    const pem = await ctx.btp.getTrustCertificate();
    const trust = trustFactsOf(pem);
    certificateNotAfter = trust.notAfter;
    const foreign = problemsOf(trust, { subaccountId: aggregate.connection.subaccountId, landscapeDomain: '' }, now).find((p) => p.code === 'CERTIFICATE_OTHER_SUBACCOUNT');
    if (foreign) {
      findings.push(finding('TRUST_OTHER_SUBACCOUNT', 'unknown', `Not monitored: ${foreign.message} The Destination service key is of another subaccount; save this subaccount's key under Credentials.`, { stepId: 1, object: 'trust certificate' }));
      return false;
    }
    const expiry = expiryFindings(trust.notAfter, now, 'active');
    findings.push(...expiry);
    const { notBefore: _from, notAfter: _until, ...facts } = trust;
    ctx.facts.trust = facts;
    const passive = await ctx.btp.getPassiveTrustCertificate();
    if (passive) {
      const passiveFingerprint = fingerprintOf(trustFactsOf(passive).certificateBase64);
      const soon = (certificateDaysLeft(trust.notAfter, now) ?? Infinity) <= 30;
      findings.push(
        finding(
          'TRUST_PASSIVE_WAITING',
          soon ? 'warning' : 'info',
          `A passive trust certificate is waiting in BTP${soon ? ' and the active one expires within 30 days' : ''}: put it on the S/4HANA communication system, then make it active (rotate).`,
          { stepId: 8, object: 'passive trust certificate', field: 'fingerprint', actual: passiveFingerprint },
        ),
      );
    }
    return true;
  };
  const readDuplicates = async () => {
    // Task Center duplicates tasks when two destinations point at one S/4HANA system (sap-apis.md B.2 notes; preflight.ts).
    const others = (await ctx.btp.listDestinations()).filter((d) => d.Name !== ctx.desired.destinationName && (d.URL ?? '').includes(ctx.desired.s4ApiHost));
    for (const other of others) {
      findings.push(finding('DUPLICATE_DESTINATION', 'warning', `The destination ${other.Name} also points at ${ctx.desired.s4ApiHost}: Task Center shows each task twice. Delete it or make it the one this connection uses.`, { stepId: 20, object: `destination ${other.Name}`, field: 'URL', actual: other.URL ?? null }));
    }
  };

  // An object whose seed steps are not all done is not set up yet: missing or different is then no break (unknown).
  const finished = new Set(aggregate.steps.filter((s) => s.status === 'done' || s.status === 'skipped').map((s) => s.stepId));
  const setUp = (steps: readonly number[]) => steps.every((step) => finished.has(step));
  const notSetUpYet = (steps: readonly number[]) => (f: Finding): Finding => {
    if (f.severity !== 'broken' || setUp(steps)) return f;
    const open = `step ${steps.filter((step) => !finished.has(step)).join(', ')} open`;
    const message = f.code.endsWith('_MISSING') ? `Not set up yet (${open}): the ${f.object} does not exist in SAP.` : `Setup is not finished (${open}): ${f.message}`;
    return { ...f, severity: 'unknown', message };
  };
  const plans = new Map<string, Omit<UnitPlan, 'unit' | 'system' | 'steps'> | 'skipped'>();
  const planUnit = async (unit: (typeof AUTOMATION_PLAN_ORDER)[number], always = false) => {
    // A unit whose dependency is missing or unread would only repeat that cause (or guess): not planned.
    if (down.has(unit.system) || (!always && dependenciesOf(unit).some((d) => plans.get(d) === 'skipped' || (plans.get(d) as { action?: string } | undefined)?.action === 'create'))) {
      plans.set(unit.id, 'skipped');
      return;
    }
    try {
      const plan = await unit.plan(ctx);
      plans.set(unit.id, plan);
      findings.push(...findingsOfPlan(unit.id, plan, ctx, fingerprintOf).map(notSetUpYet(unit.steps)));
    } catch (error) {
      plans.set(unit.id, 'skipped');
      failed(error, unitObject(unit.id, ctx), unit.system);
    }
  };
  await Promise.all([
    (async () => {
      try {
        plans.set('trustCertificate', (await readTrust()) ? { action: 'read', object: 'trust certificate', summary: '', diff: [] } : 'skipped');
      } catch (error) {
        plans.set('trustCertificate', 'skipped');
        failed(error, 'trust certificate', 'btp');
      }
    })(),
    readDuplicates().catch((error: unknown) => failed(error, 'subaccount destinations')),
    planUnit(AUTOMATION_PLAN_ORDER.find((u) => u.id === 'communicationUser')!),
  ]);
  for (const unit of AUTOMATION_PLAN_ORDER) {
    if (plans.has(unit.id)) continue;
    // The destination is read whatever S/4 said: it lives in BTP (its clientKey is compared only once S/4's is known).
    // The OAuth 2.0 details only take the client ID read from the inbound user: with the arrangement missing, the
    // destination's clientKey is still compared, so both drifts are reported at once.
    await planUnit(unit, unit.id === 'destination' || unit.id === 'oauthDetails');
  }

  // End to end, as Test connection does, only when nothing already explains a failure (and nothing was unreadable).
  // A test user the identity provider refused is not signed in again every interval (it would lock the user there)
  // until its password is saved again.
  const refusedBefore = deps.previousFindings?.find((f) => f.code === 'END_TO_END_NOT_RUN' && f.field === TEST_USER_REFUSED);
  const testUserSavedAt = refusedBefore ? (await deps.credentials.status(tenantId, id)).testUser.updatedAt : null;
  if (refusedBefore && !(testUserSavedAt && testUserSavedAt > refusedBefore.since)) {
    const { since: _since, ...kept } = refusedBefore;
    findings.push(kept);
  } else if (reachable && !findings.some((f) => f.severity === 'broken' || f.code === 'CREDENTIALS_REFUSED')) {
    try {
      const test = await deps.testConnection(tenantId, id, { record: false });
      if (test.outcome === 'not-tested') {
        const refused = /did not sign in the test user/.test(test.message);
        findings.push(finding('END_TO_END_NOT_RUN', 'info', refused ? `${test.message} It is not tried again until its password is saved again.` : test.message, { field: refused ? TEST_USER_REFUSED : null }));
      }
      else if (test.outcome === 'failed' && /HTTP (429|5\d\d)\b/.test(test.sapError ?? '')) {
        reachable = false;
        findings.push(finding('SAP_UNREACHABLE', 'unknown', `SAP did not answer the end-to-end test: ${test.message}`));
      } else if (test.outcome === 'failed') {
        findings.push(notSetUpYet(STEP_CATALOGUE.map((step) => step.id))(finding('END_TO_END_FAILED', 'broken', test.message, { stepId: test.stepToFix, object: 'end-to-end test', actual: test.sapError })));
      }
    } catch (error) {
      failed(error, 'end-to-end test');
    }
  }
  return { findings, reachable, certificateNotAfter };
}

function unitObject(unit: string, ctx: UnitContext): string {
  const labels: Record<string, string> = {
    communicationUser: `communication user ${ctx.desired.communicationUserName}`,
    communicationSystem: `communication system ${ctx.desired.systemId}`,
    inboundUser: `inbound user ${ctx.desired.communicationUserName}`,
    arrangement: `communication arrangement ${ctx.desired.arrangementName}`,
    oauthDetails: 'OAuth 2.0 details',
    destination: `destination ${ctx.desired.destinationName}`,
  };
  return labels[unit] ?? unit;
}
