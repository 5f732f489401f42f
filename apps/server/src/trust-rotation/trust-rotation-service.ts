import type { ConnectionTest, RotationStepId, TrustCertificateInfo, TrustRotationResult, TrustRotationStatus } from '@tcc/shared';
import { btpFromKey, objectNamesOf, s4WithManagementUser } from '../automation/automation-context.js';
import { readTenantFacts, type ClientIdChoice } from '../automation/tenant-facts.js';
import { trustFactsOf } from '../automation/units/trust-certificate.js';
import { certificateFacts } from '../certificates/analyze-certificate.js';
import { readCertificateFile } from '../certificates/read-certificate-file.js';
import { sameCertificate } from '../certificates/same-certificate.js';
import type { CredentialService } from '../features/credentials/credential-service.js';
import { ConflictError, InputError, NotFoundError } from '../http/errors.js';
import type { OutboundFor } from '../outbound/index.js';
import { RotationOutcomeUnknownError } from '../sap/btp/index.js';
import { ROTATION_LEASE_MARK } from '../store/health-store.js';
import type { ConnectionAggregate, Store } from '../store/types.js';
import { certificateInfo, s4HoldsOf, type TrustReading } from './trust-reading.js';

export interface TrustRotationDeps {
  store: Store;
  credentials: CredentialService;
  outboundFor: OutboundFor;
  clock: () => Date;
  newId: () => string;
  /** This process, as the holder of the connection's check lease during a rotation. */
  instanceId: string;
  clientIdChoice?: ClientIdChoice;
  timeoutMs?: number;
  /** Test connection (recorded: a rotation that passed it is proven working). */
  testConnection: (tenantId: string, connectionId: string) => Promise<ConnectionTest>;
  /** After the rotation: a health check, so the dashboard shows the new certificate and state at once. */
  checkHealth: (tenantId: string, connectionId: string) => Promise<unknown>;
}

/** Long enough for the slowest rotation (a dozen SAP calls with retries); a crashed process's lease runs out after it. */
const ROTATION_LEASE_MS = 5 * 60_000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Certificate rotation without downtime (issue "Keep every connection working"; sap-apis.md A.5). BTP keeps a passive
 * trust certificate beside the active one and swaps them on rotate; S/4HANA trusts one signing certificate per
 * communication system. So the only downtime is between S/4 taking the new certificate and BTP signing with it, and the
 * switch does these two writes back to back — every read, the CSRF token and the checks come before or after them:
 *
 * 1. S/4 first: it is the side that may refuse the certificate (sap-field-facts.md row 5), and if it does, nothing has
 *    changed anywhere.
 * 2. BTP rotate at once (never repeated blindly: a lost answer is settled by reading the active certificate).
 * 3. Both read back, then Test connection. Any failure after step 1 rolls both systems back to the previous
 *    certificate (rotate again swaps back) and says so.
 *
 * A rotation holds the connection's health-check lease: no scheduled check reads the half-switched state, and two
 * rotations of one connection (two tabs, two servers) cannot run at once.
 */
export function createTrustRotationService(deps: TrustRotationDeps) {
  const { store, credentials, clock } = deps;

  async function load(tenantId: string, connectionId: string): Promise<ConnectionAggregate> {
    const aggregate = await store.getConnection(tenantId, connectionId);
    if (!aggregate) throw new NotFoundError('This connection does not exist (any more).');
    return aggregate;
  }

  /** Reads both systems (changes nothing) and says what keeps an assisted rotation from running now. */
  async function read(aggregate: ConnectionAggregate): Promise<TrustReading> {
    const { tenantId, id } = aggregate.connection;
    const now = clock();
    const outbound = deps.outboundFor(aggregate.connection);
    const names = objectNamesOf(aggregate);
    const reading: TrustReading = { readAt: now.toISOString(), active: null, passive: null, s4Holds: 'unknown', blockers: [], btp: null, s4: null, system: null, tenant: null };
    const [key, management] = await Promise.all([credentials.reveal(tenantId, id, 'destinationServiceKey'), credentials.revealCommunicationManagement(tenantId, id)]);
    if (!key) {
      reading.blockers.push('Add the Destination service key of the subaccount (Credentials) so the certificates can be read and switched; or follow the steps by hand below.');
      const stored = aggregate.certificate;
      if (stored) reading.active = certificateInfo(stored.pem, now);
      return reading;
    }
    const btp = btpFromKey(key, { outbound, log: () => {}, clock, timeoutMs: deps.timeoutMs });
    reading.btp = btp;
    const [activePem, passivePem] = await Promise.all([btp.getTrustCertificate(), btp.getPassiveTrustCertificate()]);
    reading.active = certificateInfo(activePem, now);
    reading.passive = passivePem ? certificateInfo(passivePem, now) : null;
    if (!reading.passive) reading.blockers.push('Generate the passive certificate first: the active one keeps signing until the switch.');
    else if (Date.parse(reading.passive.notAfter) <= now.getTime()) reading.blockers.push('The passive certificate has expired: generate it again.');

    if (!management || management.refusedAt) {
      reading.blockers.push(
        management ? 'S/4HANA refused the SAP_COM_0A48 user: save its password again (Credentials).' : 'Add the SAP_COM_0A48 communication user (Credentials) so the certificate can be put on the S/4HANA communication system; or follow the steps by hand below.',
      );
      return reading;
    }
    const s4 = s4WithManagementUser(aggregate, management, { credentials, outbound, log: () => {}, timeoutMs: deps.timeoutMs });
    reading.s4 = s4;
    const [system, tenant] = await Promise.all([s4.findCommunicationSystem(names.systemId), readTenantFacts(s4, deps.clientIdChoice ?? 'user-name')]);
    reading.tenant = tenant;
    if (!system) {
      reading.blockers.push(`The communication system ${names.systemId} does not exist in S/4HANA: finish the setup (steps 4–9) before rotating.`);
      return reading;
    }
    reading.system = system;
    reading.s4Holds = s4HoldsOf(system.OAuth2IdentityProviderCertificatePublicKeyBase64, activePem, passivePem);
    if (reading.s4Holds === 'other' || reading.s4Holds === 'none') {
      reading.blockers.push(`The communication system ${names.systemId} holds neither BTP certificate, so Task Center does not work now: repair step 8 (Verify or Repair) before rotating.`);
    }
    if (!tenant.signingCertificateWritable && reading.s4Holds !== 'passive') {
      reading.blockers.push('This S/4HANA tenant does not take the signing certificate through its API ($metadata marks it read-only): rotate by hand with the steps below.');
    }
    return reading;
  }

  const statusOf = ({ readAt, active, passive, s4Holds, blockers }: TrustReading): TrustRotationStatus => ({ readAt, active, passive, s4Holds, blockers });

  /**
   * Keeps the connection's stored trust certificate (step 1) in step with what BTP signs with after the rotation,
   * whatever its outcome, so expiry and health show the certificate in force; unchanged, nothing is written.
   */
  async function recordActive(aggregate: ConnectionAggregate, active: TrustCertificateInfo, by: string) {
    const { tenantId, id } = aggregate.connection;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = await store.getConnection(tenantId, id);
      if (!current || current.certificate?.fingerprintSha256 === active.fingerprintSha256) return;
      const at = clock().toISOString();
      const certificate = { ...certificateFacts(readCertificateFile(Buffer.from(active.pem))), fileName: 'trust certificate (made active by a rotation)', uploadedAt: at, uploadedBy: by };
      if ((await store.changeConnection(tenantId, id, current.connection.version, { certificate }, { at, by })) !== 'stale') return;
    }
  }

  /** The switch itself; the caller holds the lease. */
  async function switchOver(aggregate: ConnectionAggregate, actor: string): Promise<TrustRotationResult> {
    const startedAt = clock().toISOString();
    const steps: TrustRotationResult['steps'] = [];
    const step = (id: RotationStepId, status: 'done' | 'failed', text: string) => steps.push({ id, status, message: text, at: clock().toISOString() });
    const reading = await read(aggregate);
    if (reading.blockers.length) throw new InputError(`The rotation cannot start; nothing was changed. ${reading.blockers.join(' ')}`);
    const btp = reading.btp!;
    const s4 = reading.s4!;
    const systemId = reading.system!.ID;
    const previous = trustFactsOf(reading.active!.pem);
    const next = trustFactsOf(reading.passive!.pem);
    const previousPrint = reading.active!.fingerprintSha256;
    const nextPrint = reading.passive!.fingerprintSha256;
    const isCertificate = (pem: string | null, facts: typeof next) => pem !== null && trustFactsOf(pem).certificateBase64 === facts.certificateBase64;
    /** What the communication system holds now; undefined when it could not be read. */
    const heldOnS4 = () => s4.findCommunicationSystem(systemId).then((system) => system?.OAuth2IdentityProviderCertificatePublicKeyBase64 ?? '', () => undefined);
    step('read', 'done', `BTP's active certificate ${previousPrint} and passive ${nextPrint}; S/4HANA holds the ${reading.s4Holds} one.`);

    const finish = async (outcome: TrustRotationResult['outcome'], text: string, test: ConnectionTest | null, switchMs: number | null): Promise<TrustRotationResult> => {
      const after = await read(await load(aggregate.connection.tenantId, aggregate.connection.id)).catch(() => null);
      if (after?.active) await recordActive(aggregate, after.active, actor);
      return { outcome, message: text, startedAt, finishedAt: clock().toISOString(), switchMs, steps, test, status: statusOf(after ?? reading) };
    };
    // The same CN is expected (the subaccount's), but should BTP name the new one differently, the issuer moves with it.
    const certificatePatch = (facts: typeof next) => ({
      signingCertificateBase64: facts.certificateBase64,
      ...(facts.cn !== reading.system!.OAuth2IdentityProviderName ? { oauth2IdentityProviderName: facts.cn } : {}),
      ...(reading.tenant?.signingCertificateNamesWritable ? { signingCertificateSubject: facts.subject, signingCertificateIssuer: facts.issuer } : {}),
    });
    /** Puts the previous certificate back on S/4 (reading first: its etag changed with our write, or it never took the new one). */
    const restoreS4 = async () => {
      const system = await s4.findCommunicationSystem(systemId);
      if (!system) throw new Error(`the communication system ${systemId} is gone`);
      if (!sameCertificate(system.OAuth2IdentityProviderCertificatePublicKeyBase64, previous.certificateBase64)) {
        await s4.updateCommunicationSystem(system, { ...certificatePatch(previous), oauth2IdentityProviderName: previous.cn });
      }
      step('roll-back-s4', 'done', `The communication system ${systemId} holds the previous certificate ${previousPrint}.`);
    };
    /** Makes the previous certificate active again — only if it is not, and only by swapping it back from passive. */
    const restoreBtp = async () => {
      if (!isCertificate(await btp.getTrustCertificate(), previous)) {
        if (!isCertificate(await btp.getPassiveTrustCertificate(), previous)) throw new Error(`the previous certificate ${previousPrint} is no longer BTP's passive one`);
        const { activePem } = await btp.rotateTrustCertificate(previous.pem);
        if (!isCertificate(activePem, previous)) throw new Error('BTP did not switch back');
      }
      step('roll-back-btp', 'done', `BTP signs with the previous certificate ${previousPrint}; the new one is passive.`);
    };
    /** Rolls back what may have changed (each side read first); a roll-back that fails says what to do by hand. */
    const rollBack = async (cause: string, { btpMayHaveSwitched }: { btpMayHaveSwitched: boolean }) => {
      try {
        if (btpMayHaveSwitched) await restoreBtp();
        await restoreS4();
      } catch (error) {
        const failedStep: RotationStepId = steps.some((s) => s.id === 'roll-back-btp') || !btpMayHaveSwitched ? 'roll-back-s4' : 'roll-back-btp';
        step(failedStep, 'failed', message(error));
        return finish(
          'failed',
          `${cause} Rolling back failed too (${message(error)}): in the BTP cockpit (Connectivity > Destination Trust) make the certificate ${previousPrint} active again, upload it on the communication system ${systemId}, then Test connection.`,
          null,
          null,
        );
      }
      const test = await deps.testConnection(aggregate.connection.tenantId, aggregate.connection.id).catch(() => null);
      return finish('rolled-back', `${cause} Both systems were rolled back to the previous certificate${test?.outcome === 'succeeded' ? ', and the connection test passes again' : ''}.`, test, null);
    };

    // The switch: these two writes back to back, nothing in between but settling a lost answer.
    let switchedAt = 0;
    if (reading.s4Holds !== 'passive') {
      try {
        await s4.updateCommunicationSystem(reading.system!, certificatePatch(next));
      } catch (error) {
        // S/4 may have taken it and the answer got lost: what it holds decides, never the error alone.
        const held = await heldOnS4();
        if (held === undefined) {
          step('put-on-s4', 'failed', message(error));
          return finish(
            'failed',
            `S/4HANA did not confirm the new certificate (${message(error)}) and could not be read afterwards. Open the communication system ${systemId} in the Communication Systems app: if it holds the certificate ${nextPrint}, make it active in the BTP cockpit now; otherwise nothing has changed.`,
            null,
            null,
          );
        }
        if (!sameCertificate(held, next.certificateBase64)) {
          step('put-on-s4', 'failed', message(error));
          return finish('failed', `S/4HANA did not take the new certificate: ${message(error)} Nothing was changed in BTP; the connection goes on with the previous certificate.`, null, null);
        }
      }
      switchedAt = performance.now();
    }
    let activePem: string;
    try {
      ({ activePem } = await btp.rotateTrustCertificate(next.pem));
    } catch (error) {
      step('activate-in-btp', 'failed', message(error));
      if (error instanceof RotationOutcomeUnknownError) {
        return finish(
          'failed',
          `${error.message} In the BTP cockpit (Connectivity > Destination Trust): if the certificate ${nextPrint} is active, the rotation is done — run Test connection; if not, make it active now: S/4HANA holds it already.`,
          null,
          null,
        );
      }
      return rollBack(`BTP did not make the new certificate active: ${message(error)}`, { btpMayHaveSwitched: false });
    }
    if (!isCertificate(activePem, next)) {
      step('activate-in-btp', 'failed', 'BTP answered, but does not sign with the new certificate.');
      return rollBack('BTP did not switch to the new certificate.', { btpMayHaveSwitched: true });
    }
    const switchMs = switchedAt ? Math.round((performance.now() - switchedAt) * 10) / 10 : null;
    step('put-on-s4', 'done', reading.s4Holds === 'passive' ? `The communication system ${systemId} held the new certificate already.` : `The communication system ${systemId} took the new certificate ${nextPrint}.`);
    step('activate-in-btp', 'done', `BTP signs with the new certificate${switchMs === null ? '' : `; its answer came ${switchMs} ms after S/4HANA's`}.`);

    // Verify: S/4 may take a PATCH and keep another value (a write is always read back).
    let mismatch: string | null = null;
    try {
      const [held, active] = await Promise.all([s4.findCommunicationSystem(systemId), btp.getTrustCertificate()]);
      if (!isCertificate(active, next)) mismatch = 'BTP does not sign with the new certificate.';
      else if (!held || !sameCertificate(held.OAuth2IdentityProviderCertificatePublicKeyBase64, next.certificateBase64)) mismatch = `The communication system ${systemId} does not hold the new certificate.`;
    } catch (error) {
      mismatch = message(error);
    }
    if (mismatch) {
      step('verify', 'failed', mismatch);
      return rollBack(`After the switch, S/4HANA and BTP did not hold the same new certificate: ${mismatch}`, { btpMayHaveSwitched: true });
    }
    step('verify', 'done', 'Read back: S/4HANA and BTP hold the same new certificate.');

    const test = await deps.testConnection(aggregate.connection.tenantId, aggregate.connection.id);
    if (test.outcome === 'failed' && /HTTP (429|5\d\d)\b/.test(test.sapError ?? '')) {
      // SAP did not answer the test (an outage, not a refusal): both systems hold the same certificate, read back; a
      // roll-back now would only open a second window.
      step('end-to-end', 'failed', test.message);
      return finish('rotated', `Rotated: S/4HANA and BTP hold the new certificate (read back), but the connection test could not finish — ${test.message} Run Test connection again.`, test, switchMs);
    }
    if (test.outcome === 'failed') {
      step('end-to-end', 'failed', test.message);
      return rollBack(`The connection test failed with the new certificate: ${test.message}`, { btpMayHaveSwitched: true });
    }
    step('end-to-end', 'done', test.message);
    const proven = test.outcome === 'succeeded' ? 'and the connection test passes' : `but it was not tested end to end (${test.message})`;
    return finish('rotated', `Rotated: S/4HANA and BTP use the new certificate (valid until ${next.notAfter.slice(0, 10)}), ${proven}.`, test, switchMs);
  }

  return {
    async status(tenantId: string, connectionId: string): Promise<TrustRotationStatus> {
      return statusOf(await read(await load(tenantId, connectionId)));
    },

    /** Generates (or renews) the passive certificate; the active one keeps signing, so nothing changes for Task Center. */
    async generatePassive(tenantId: string, connectionId: string): Promise<TrustRotationStatus> {
      const aggregate = await load(tenantId, connectionId);
      // A new passive certificate in the middle of a switch would be the one rolled back to.
      if (await store.rotationLeased(connectionId, clock().toISOString())) throw new ConflictError('CONFLICT', 'A rotation of this connection is running: generate the passive certificate when it has finished.');
      const key = await credentials.reveal(tenantId, connectionId, 'destinationServiceKey');
      if (!key) throw new InputError('Add the Destination service key of the subaccount (Credentials) first, or generate the passive certificate in the BTP cockpit (Connectivity > Destination Trust).');
      const btp = btpFromKey(key, { outbound: deps.outboundFor(aggregate.connection), log: () => {}, clock, timeoutMs: deps.timeoutMs });
      await btp.generatePassiveTrustCertificate();
      return statusOf(await read(aggregate));
    },

    async rotate(tenantId: string, connectionId: string, actor: string): Promise<TrustRotationResult> {
      const aggregate = await load(tenantId, connectionId);
      const latestRun = await store.latestRun(tenantId, connectionId);
      if (latestRun?.status === 'running') throw new ConflictError('CONFLICT', 'Assisted setup is running for this connection: rotate when it has finished.');
      const now = clock();
      const by = `${deps.instanceId}${ROTATION_LEASE_MARK}${deps.newId()}`;
      const claimed = await store.claimHealthCheck(tenantId, connectionId, {
        by,
        now: now.toISOString(),
        until: new Date(now.getTime() + ROTATION_LEASE_MS).toISOString(),
        dueOnly: false,
        nextCheckAt: now.toISOString(),
      });
      if (!claimed) throw new ConflictError('CONFLICT', 'A health check or another rotation of this connection is running: try again in a moment.');
      let result: TrustRotationResult;
      try {
        result = await switchOver(aggregate, actor);
      } finally {
        await store.releaseHealthCheck(connectionId, by).catch(() => undefined);
      }
      await deps.checkHealth(tenantId, connectionId).catch(() => undefined);
      return result;
    },
  };
}

export type TrustRotationService = ReturnType<typeof createTrustRotationService>;
