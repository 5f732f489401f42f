// The contract's constants and helpers that need no zod. The web's first load (sign-in page, dashboard) imports
// these without pulling in the schemas: with "sideEffects": false a bundler keeps a module only for what is used,
// but a schema module's top-level z.object() calls would keep zod and every schema beside a constant.

/** Roles within a tenant: admin does everything incl. members; operator runs and verifies steps; viewer reads. */
export const TENANT_ROLES = ['viewer', 'operator', 'admin'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** True when `role` is at least `needed` (viewer < operator < admin). */
export function roleAllows(role: TenantRole, needed: TenantRole): boolean {
  return TENANT_ROLES.indexOf(role) >= TENANT_ROLES.indexOf(needed);
}

export const AUTH_LIMITS = {
  usernameMax: 80,
  passwordMin: 12,
  passwordMax: 200,
} as const;

export const ERROR_CODES = {
  validation: 'VALIDATION_FAILED',
  notFound: 'NOT_FOUND',
  conflict: 'CONFLICT',
  staleVersion: 'STALE_VERSION',
  dependencyUnmet: 'STEP_DEPENDENCY_UNMET',
  valueMismatch: 'VALUE_MISMATCH',
  notACertificate: 'NOT_A_CERTIFICATE',
  privateKeyRefused: 'PRIVATE_KEY_REFUSED',
  /** A readable trust certificate that step 1 must not take: expired, not yet valid, or another subaccount's. */
  certificateExpired: 'CERTIFICATE_EXPIRED',
  certificateNotYetValid: 'CERTIFICATE_NOT_YET_VALID',
  certificateOtherSubaccount: 'CERTIFICATE_OTHER_SUBACCOUNT',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  internal: 'INTERNAL_ERROR',
  unauthenticated: 'SIGN_IN_REQUIRED',
  forbidden: 'NOT_ALLOWED',
  csrf: 'CSRF_TOKEN_INVALID',
  signInFailed: 'SIGN_IN_FAILED',
  rateLimited: 'TOO_MANY_ATTEMPTS',
  unavailable: 'STORE_UNAVAILABLE',
  btpAuthFailed: 'BTP_AUTH_FAILED',
  btpForbidden: 'BTP_FORBIDDEN',
  btpNotFound: 'BTP_NOT_FOUND',
  btpConflict: 'BTP_CONFLICT',
  btpRejected: 'BTP_REQUEST_REJECTED',
  btpUnavailable: 'BTP_UNAVAILABLE',
  btpUrlRefused: 'BTP_URL_REFUSED',
  s4AuthFailed: 'S4_AUTH_FAILED',
  s4Forbidden: 'S4_FORBIDDEN',
  s4NotFound: 'S4_NOT_FOUND',
  s4Conflict: 'S4_CONFLICT',
  s4Rule: 'S4_RULE',
  s4Unavailable: 'S4_UNAVAILABLE',
  s4Unexpected: 'S4_UNEXPECTED',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/**
 * A connection's health, computed by read-only checks of both SAP systems (apps/server/src/health):
 * - healthy: every check passed;
 * - warning: it works, but something needs doing soon (certificate expiry, a passive certificate, a lint finding);
 * - broken: SAP answered and showed a break (an object missing, changed or locked), or SAP stayed unreachable for
 *   HEALTH_FAILURES_TO_BROKEN checks in a row;
 * - unknown: not checked yet, credentials missing, or SAP did not answer (fewer times than the threshold).
 * Never healthy by default.
 */
export const HEALTH_STATES = ['healthy', 'warning', 'broken', 'unknown'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

export const TENANT_SORT_KEYS = ['name', 'updatedAt'] as const;

/** Fills `:name` segments, encoding each value. */
export function buildPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
}
