import type { ApiRouteName } from '@tcc/shared';
import type { Principal } from '../auth/principal.js';
import type { Store } from '../store/types.js';
import { AppError } from './errors.js';

interface AuditedParams {
  tenantId?: string;
  connectionId?: string;
  stepId?: number;
  userId?: string;
}

/** What a change acted on, in words for the log: never from the body, so never a secret. */
function objectOf(route: ApiRouteName, params: AuditedParams): string | null {
  if (params.stepId !== undefined) return `step ${params.stepId}`;
  if (route === 'uploadTrustCertificate') return 'trust certificate';
  if (params.userId) return `member ${params.userId}`;
  if (params.connectionId) return 'connection';
  return 'tenant';
}

/** Changes outside any tenant's routes that are audited all the same (in the system-wide view). */
export const SYSTEM_AUDITED_ROUTES: readonly ApiRouteName[] = ['createTenant', 'createUser'];

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
    const result = error === undefined ? 'ok' : error instanceof AppError ? 'refused' : 'failed';
    await store.appendAudit({
      tenantId,
      at: clock().toISOString(),
      actor: principal.username,
      action: route,
      connectionId,
      object: objectOf(route, params),
      result,
      detail: error instanceof AppError ? error.code : error === undefined ? null : 'INTERNAL_ERROR',
    });
  };
}

export type AuditTrail = ReturnType<typeof createAuditTrail>;
