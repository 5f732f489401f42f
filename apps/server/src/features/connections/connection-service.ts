import {
  ERROR_CODES,
  parseS4Host,
  type ConnectionDetail,
  type ConnectionPage,
  type CreateConnectionSchema,
  type ListConnectionsQuery,
  type UpdateStepSchema,
  type UploadCertificate,
} from '@tcc/shared';
import type { z } from 'zod';
import { certificateFacts } from '../../certificates/analyze-certificate.js';
import { decodeUpload, readCertificateFile } from '../../certificates/read-certificate-file.js';
import { refuseUnusableCertificate } from '../../certificates/refuse-unusable-certificate.js';
import { ConflictError, InputError, NotFoundError } from '../../http/errors.js';
import type { ConnectionAggregate, ConnectionChange, StepRecord, Store } from '../../store/types.js';
import { duplicateToConflict } from '../duplicate-to-conflict.js';
import { toConnectionDetail, toConnectionSummary } from './connection-detail.js';
import type { ReadHeldClientId } from './read-held-client-id.js';
import { planStepUpdate } from './update-step.js';

export interface ConnectionService {
  list(tenantId: string, query: ListConnectionsQuery): Promise<ConnectionPage>;
  get(tenantId: string, connectionId: string): Promise<ConnectionDetail>;
  /** `sandbox` marks a connection to the built-in SAP sandbox: the seed's, or one an admin labels so while the sandbox runs. */
  create(tenantId: string, input: z.output<typeof CreateConnectionSchema>, actor: string, options?: { sandbox?: boolean }): Promise<ConnectionDetail>;
  rename(tenantId: string, connectionId: string, displayName: string, version: number, actor: string): Promise<ConnectionDetail>;
  remove(tenantId: string, connectionId: string, version: number): Promise<void>;
  updateStep(tenantId: string, connectionId: string, stepId: number, request: z.output<typeof UpdateStepSchema>, actor: string): Promise<ConnectionDetail>;
  uploadTrustCertificate(tenantId: string, connectionId: string, upload: UploadCertificate, actor: string): Promise<ConnectionDetail>;
  trustCertificatePem(tenantId: string, connectionId: string): Promise<{ fileName: string; pem: string }>;
}

/**
 * A different trust certificate (renewed or rotated in BTP) must reach S/4 again: steps 8 (upload) and 9 (issuer)
 * go back to "in progress" with a note saying why, so the dashboard does not show a trust that no longer holds.
 */
function reopenedBy(aggregate: ConnectionAggregate, fingerprint: string, at: string, by: string): StepRecord[] {
  if (!aggregate.certificate || aggregate.certificate.fingerprintSha256 === fingerprint) return [];
  return aggregate.steps
    .filter((step) => (step.stepId === 8 || step.stepId === 9) && step.status === 'done')
    .map((step) => ({
      ...step,
      status: 'in_progress' as const,
      note: 'The trust certificate changed: upload the new one to the communication system and check the OAuth 2.0 SAML Issuer.',
      updatedAt: at,
      updatedBy: by,
    }));
}

export function createConnectionService({
  store,
  clock,
  newId,
  readHeldClientId,
  sandboxRunning = false,
}: {
  store: Store;
  clock: () => Date;
  newId: () => string;
  /** Step 19's "done" compares the Client ID with what S/4HANA holds (read-held-client-id.ts). */
  readHeldClientId: ReadHeldClientId;
  /** Whether the built-in sandbox runs beside this server: only then may a connection be labelled sandbox. */
  sandboxRunning?: boolean;
}): ConnectionService {
  const stamp = (by: string) => ({ at: clock().toISOString(), by });

  const load = async (tenantId: string, connectionId: string): Promise<ConnectionAggregate> => {
    const aggregate = await store.getConnection(tenantId, connectionId);
    if (!aggregate) throw new NotFoundError('This connection does not exist (any more). Go back to the tenant’s connections.');
    return aggregate;
  };

  const staleError = async (tenantId: string, connectionId: string): Promise<ConflictError> => {
    const { connection } = await load(tenantId, connectionId);
    return new ConflictError(
      ERROR_CODES.staleVersion,
      `${connection.updatedBy} changed this connection at ${connection.updatedAt.slice(0, 16).replace('T', ' ')} UTC since you opened it (in another tab or window, or a colleague). Reload to see the current state; what you typed is kept.`,
    );
  };

  /** Writes a change only if nobody else changed the connection since `version`, then answers with the new state. */
  const change = async (tenantId: string, connectionId: string, version: number, delta: ConnectionChange, actor: string) => {
    const outcome = await store.changeConnection(tenantId, connectionId, version, delta, stamp(actor)).catch(duplicateToConflict);
    if (outcome === 'missing') await load(tenantId, connectionId);
    if (outcome === 'stale') throw await staleError(tenantId, connectionId);
    return toConnectionDetail(await load(tenantId, connectionId), clock());
  };

  return {
    async list(tenantId, query) {
      const { rows, total } = await store.listConnections(tenantId, { ...query, needsAttention: query.needsAttention === 'true' });
      const now = clock();
      return { items: rows.map((row) => toConnectionSummary(row, now)), total, page: query.page, pageSize: query.pageSize };
    },

    async get(tenantId, connectionId) {
      return toConnectionDetail(await load(tenantId, connectionId), clock());
    },

    async create(tenantId, input, actor, options = {}) {
      const sandbox = options.sandbox ?? input.sandbox ?? false;
      // Only a running sandbox can serve its host names; the label routes this connection's calls there (compose.ts).
      if (sandbox && !sandboxRunning) {
        throw new InputError('The built-in sandbox does not run on this server (SANDBOX=off), so a connection cannot point at it. Leave “Built-in sandbox” off and enter your SAP system.', [{ field: 'sandbox', message: 'No sandbox runs here.' }]);
      }
      const host = parseS4Host(input.s4Host);
      if (!host.ok) throw new InputError(host.message, [{ field: 's4Host', message: host.message }]);
      const id = newId();
      await store
        .createConnection(
          tenantId,
          {
            id,
            displayName: input.displayName,
            subaccountId: input.subaccountId,
            landscapeDomain: input.landscapeDomain,
            s4UiHost: host.host.uiHost,
            s4ApiHost: host.host.apiHost,
            s4Client: input.s4Client,
            sandbox,
          },
          stamp(actor),
        )
        .catch(duplicateToConflict);
      return this.get(tenantId, id);
    },

    rename: (tenantId, connectionId, displayName, version, actor) => change(tenantId, connectionId, version, { displayName }, actor),

    async remove(tenantId, connectionId, version) {
      const outcome = await store.deleteConnection(tenantId, connectionId, version);
      if (outcome === 'missing') throw new NotFoundError('This connection does not exist (any more).');
      if (outcome === 'stale') throw await staleError(tenantId, connectionId);
    },

    async updateStep(tenantId, connectionId, stepId, request, actor) {
      const aggregate = await load(tenantId, connectionId);
      if (aggregate.connection.version !== request.version) throw await staleError(tenantId, connectionId);
      const step = await planStepUpdate(aggregate, stepId, request, stamp(actor), { readHeldClientId });
      return change(tenantId, connectionId, request.version, { steps: [step] }, actor);
    },

    async uploadTrustCertificate(tenantId, connectionId, upload, actor) {
      const aggregate = await load(tenantId, connectionId);
      const facts = certificateFacts(readCertificateFile(decodeUpload(upload.contentBase64)));
      refuseUnusableCertificate(facts, aggregate.connection, clock());
      const { at, by } = stamp(actor);
      const certificate = { ...facts, fileName: upload.fileName, uploadedAt: at, uploadedBy: by };
      const step = { stepId: 1, status: 'done' as const, values: {}, note: null, updatedAt: at, updatedBy: by };
      if (aggregate.connection.version !== upload.version) throw await staleError(tenantId, connectionId);
      return change(tenantId, connectionId, upload.version, { certificate, steps: [step, ...reopenedBy(aggregate, facts.fingerprintSha256, at, by)] }, actor);
    },

    async trustCertificatePem(tenantId, connectionId) {
      const { certificate, connection } = await load(tenantId, connectionId);
      if (!certificate) throw new NotFoundError('No trust certificate has been uploaded for this connection yet (step 1).');
      return { fileName: `trust-${connection.subaccountId}.pem`, pem: certificate.pem };
    },
  };
}
