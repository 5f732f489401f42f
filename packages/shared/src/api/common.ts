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
