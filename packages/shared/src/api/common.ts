import { z } from 'zod';
import { LIMITS } from '../limits.js';

/** The one error shape of every 4xx/5xx answer. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .array(z.object({ field: z.string().optional(), message: z.string() }))
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

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

export const IdSchema = z.uuid({ message: 'Expected an ID in UUID form.' });
export const IsoDateTimeSchema = z.iso.datetime();

/** Who changed something, and when. */
export const ChangeStampSchema = z.object({
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  updatedBy: z.string(),
});

/** Optimistic concurrency: the version the client last read. A stale one answers 409. */
export const VersionSchema = z.number().int().nonnegative();

export const SORT_ORDERS = ['asc', 'desc'] as const;

export function listQuerySchema<const S extends readonly [string, ...string[]]>(sortKeys: S, defaultSort: S[number]) {
  return z.object({
    q: z.string().trim().max(LIMITS.searchTextMax, `Search text has at most ${LIMITS.searchTextMax} characters.`).optional(),
    sort: z.enum(sortKeys).default(defaultSort),
    order: z.enum(SORT_ORDERS).default('asc'),
    page: z.coerce.number().int().min(1, 'Pages start at 1.').max(1_000_000).default(1),
    pageSize: z.coerce
      .number()
      .int()
      .min(1)
      .max(LIMITS.pageSizeMax, `A page has at most ${LIMITS.pageSizeMax} rows.`)
      .default(LIMITS.pageSizeDefault),
  });
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().nonnegative(),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
  });
}
