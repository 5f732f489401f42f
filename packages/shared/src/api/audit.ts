import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { IdSchema, IsoDateTimeSchema, pageSchema } from './common.js';

export const AUDIT_RESULTS = ['ok', 'refused', 'failed'] as const;

/** One entry of a tenant's append-only audit log. Never holds request bodies, so never a secret. */
export const AuditEventSchema = z.object({
  id: z.number().int(),
  /** The tenant acted on; null for system-wide actions such as creating a user. */
  tenantId: z.string().nullable(),
  at: IsoDateTimeSchema,
  actor: z.string(),
  /** The API operation, e.g. updateStep. */
  action: z.string(),
  connectionId: IdSchema.nullable(),
  /** What was acted on, e.g. "step 9" or "trust certificate". */
  object: z.string().nullable(),
  result: z.enum(AUDIT_RESULTS),
  /** The error code when refused or failed. */
  detail: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditQuerySchema = z.object({
  actor: z.string().trim().max(LIMITS.searchTextMax).optional(),
  action: z.string().trim().max(LIMITS.searchTextMax).optional(),
  connectionId: IdSchema.optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
  from: IsoDateTimeSchema.optional(),
  to: IsoDateTimeSchema.optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditPageSchema = pageSchema(AuditEventSchema).extend({
  /** True when the log holds more entries than `total`: the server counts only so far past the page. */
  totalIsLowerBound: z.boolean().optional(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;
