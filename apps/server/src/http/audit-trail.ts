import { STEP_CATALOGUE, type ApiRouteName } from '@tcc/shared';
import type { Principal } from '../auth/principal.js';
import type { Store } from '../store/types.js';
import { AppError } from './errors.js';

interface AuditedParams {
  tenantId?: string;
  connectionId?: string;
  stepId?: number;
  userId?: string;
  channelId?: string;
}

/** What a change acted on, in words for the log: never from the body, so never a secret. */
function objectOf(route: ApiRouteName, params: AuditedParams, connectionName: string | null): string | null {
  const connection = connectionName ? `connection “${connectionName}”` : 'connection';
  if (params.stepId !== undefined) {
    const step = STEP_CATALOGUE.find((s) => s.id === params.stepId);
    return `${connection}, step ${params.stepId}${step ? ` (${step.title})` : ''}`;
  }
  if (route === 'uploadTrustCertificate') return `${connection}, trust certificate`;
  if (params.channelId) return `alert channel ${params.channelId}`;
  if (route === 'createAlertChannel') return 'alert channels';
  if (params.userId) return `member ${params.userId}`;
  if (params.connectionId) return connection;
  return 'tenant';
}

/**
 * A test or Verify is a change that can end without error and still say no: record the outcome as it was
 * (finding 11 of "Tell the admin the truth"), not "OK" for a failed test.
 */
function outcomeOf(route: ApiRouteName, output: unknown): { result: 'ok' | 'failed'; detail: string | null } {
  if (route === 'testConnection') {
    const test = output as { outcome?: string; stepToFix?: number | null } | undefined;
    if (test?.outcome && test.outcome !== 'succeeded') return { result: 'failed', detail: `TEST_${test.outcome.toUpperCase().replace(/-/g, '_')}${test.stepToFix ? ` (step ${test.stepToFix})` : ''}` };
  }
  if (route === 'verifyStep' && (output as { verified?: boolean } | undefined)?.verified === false) return { result: 'failed', detail: 'NOT_VERIFIED' };
  if (route === 'startAutomation') return { result: 'ok', detail: 'RUN_STARTED' };
  if (route === 'rotateTrustCertificate') {
    const outcome = (output as { outcome?: string } | undefined)?.outcome;
    if (outcome && outcome !== 'rotated') return { result: 'failed', detail: `ROTATION_${outcome.toUpperCase().replace(/-/g, '_')}` };
  }
  return { result: 'ok', detail: null };
}

/** Changes outside any tenant's routes that are audited all the same (in the system-wide view). */
export const SYSTEM_AUDITED_ROUTES: readonly ApiRouteName[] = ['createTenant', 'createUser', 'updateUser'];

/**
 * Records every change a tenant member attempts, whatever the route: success, refusal (4xx) or failure. It sits in
 * the one place routes are mounted, so a new route is audited without anyone remembering to.
 */
export function createAuditTrail(store: Store, clock: () => Date) {
  return async (route: ApiRouteName, principal: Principal, params: AuditedParams, error?: unknown, output?: unknown): Promise<void> => {
    // A new tenant or connection is named by the answer, not the path; system-wide changes have no tenant ('').
    const created = (output as { id?: string } | undefined)?.id;
    const tenantId = params.tenantId ?? (route === 'createTenant' ? created : undefined) ?? '';
    const connectionId = params.connectionId ?? (route === 'createConnection' ? created : undefined) ?? null;
    const done = error === undefined ? outcomeOf(route, output) : null;
    const result = done ? done.result : error instanceof AppError ? 'refused' : 'failed';
    const connectionName = connectionId ? ((await store.getConnection(tenantId, connectionId).catch(() => undefined))?.connection.displayName ?? null) : null;
    await store.appendAudit({
      tenantId,
      at: clock().toISOString(),
      actor: principal.username,
      action: route,
      connectionId,
      object: objectOf(route, params, connectionName),
      result,
      detail: done ? done.detail : error instanceof AppError ? error.code : 'INTERNAL_ERROR',
    });
  };
}

export type AuditTrail = ReturnType<typeof createAuditTrail>;
