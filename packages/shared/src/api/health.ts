import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, pageSchema } from './common.js';
import { HEALTH_STATES } from './rules.js';

/** GET /api/health: the server itself (not a connection's health). */
export const HealthSchema = z.object({ status: z.literal('ok'), store: z.string(), version: z.string() });
export type Health = z.infer<typeof HealthSchema>;

/** info findings do not change the state (a passive certificate waiting while the active one has time). */
export const FINDING_SEVERITIES = ['broken', 'warning', 'unknown', 'info'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** The stable finding codes; clients may meet codes added later and show their message. */
export const HEALTH_FINDING_CODES = [
  'TRUST_EXPIRES_SOON',
  'TRUST_EXPIRED',
  'TRUST_PASSIVE_WAITING',
  'TRUST_OTHER_SUBACCOUNT',
  'S4_SIGNING_CERTIFICATE_STALE',
  'ISSUER_MISMATCH',
  'COMMUNICATION_SYSTEM_MISSING',
  'COMMUNICATION_SYSTEM_DRIFT',
  'COMMUNICATION_USER_MISSING',
  'COMMUNICATION_USER_LOCKED',
  'INBOUND_USER_MISSING',
  'ARRANGEMENT_MISSING',
  'ARRANGEMENT_NOT_BOUND',
  'DESTINATION_MISSING',
  'DESTINATION_DRIFT',
  'DESTINATION_LINT',
  'DESTINATION_OWNED_ELSEWHERE',
  'DUPLICATE_DESTINATION',
  'END_TO_END_FAILED',
  'END_TO_END_NOT_RUN',
  'SAP_UNREACHABLE',
  'CREDENTIALS_MISSING',
  'CREDENTIALS_REFUSED',
  'CHECK_FAILED',
] as const;
export type HealthFindingCode = (typeof HEALTH_FINDING_CODES)[number];

/**
 * The findings that point at an SAP object assisted setup made and that Repair (a repair plan: only the drifted objects)
 * puts back: missing, changed or locked after setup (apps/server/src/health/plan-findings.ts). Not the certificate's
 * expiry (rotation), a duplicate or another connection's destination (the admin decides), nor the end-to-end test.
 */
export const REPAIRABLE_FINDING_CODES: readonly HealthFindingCode[] = [
  'S4_SIGNING_CERTIFICATE_STALE',
  'ISSUER_MISMATCH',
  'COMMUNICATION_SYSTEM_MISSING',
  'COMMUNICATION_SYSTEM_DRIFT',
  'COMMUNICATION_USER_MISSING',
  'COMMUNICATION_USER_LOCKED',
  'INBOUND_USER_MISSING',
  'ARRANGEMENT_MISSING',
  'ARRANGEMENT_NOT_BOUND',
  'DESTINATION_MISSING',
  'DESTINATION_DRIFT',
  'DESTINATION_LINT',
];

/** Days before the trust certificate's expiry at which it is reported (and alerted once each); 0 = expired. */
export const CERTIFICATE_THRESHOLDS_DAYS = [60, 30, 7, 0] as const;

export const HealthFindingSchema = z.object({
  /** Stable, UPPER_SNAKE (HEALTH_FINDING_CODES). */
  code: z.string(),
  severity: z.enum(FINDING_SEVERITIES),
  /** The cause in words an admin acts on. */
  message: z.string(),
  /** The seed step (wizard step) that fixes it, or null. */
  stepId: z.number().int().nullable(),
  /** The SAP object as the UI names it, e.g. "destination S4HANACloud". */
  object: z.string().nullable(),
  field: z.string().nullable(),
  /** What setup wrote / what is needed, and what SAP holds now (null for secrets and absent values). */
  expected: z.string().nullable(),
  actual: z.string().nullable(),
  /** Since when this finding has been seen without a break. */
  since: IsoDateTimeSchema,
});
export type HealthFinding = z.infer<typeof HealthFindingSchema>;

export const ConnectionHealthSchema = z.object({
  state: z.enum(HEALTH_STATES),
  /** When this state began; null before the first check. */
  since: IsoDateTimeSchema.nullable(),
  /** Most severe first. */
  findings: z.array(HealthFindingSchema),
  lastCheckAt: IsoDateTimeSchema.nullable(),
  nextCheckAt: IsoDateTimeSchema.nullable(),
  /** Checks in a row in which SAP could not be read (no answer, 5xx, 429, timeout): the flapping counter. */
  consecutiveFailures: z.number().int().nonnegative(),
  /** The active trust certificate's days to expiry as last read (negative: expired), or null when unknown. */
  certificateDaysLeft: z.number().int().nullable(),
});
export type ConnectionHealth = z.infer<typeof ConnectionHealthSchema>;

/** The health shown on a connection's row (lists) and header. */
export const ConnectionHealthSummarySchema = z.object({
  state: z.enum(HEALTH_STATES),
  since: IsoDateTimeSchema.nullable(),
  /** The most severe finding (info aside), or null. */
  topFinding: HealthFindingSchema.nullable(),
  lastCheckAt: IsoDateTimeSchema.nullable(),
  nextCheckAt: IsoDateTimeSchema.nullable(),
  certificateDaysLeft: z.number().int().nullable(),
});
export type ConnectionHealthSummary = z.infer<typeof ConnectionHealthSummarySchema>;

export const HealthEventSchema = z.object({
  id: IdSchema,
  /** When it happened; for a run of equal checks, the last of them. */
  at: IsoDateTimeSchema,
  /** check: one or more checks in a row with the same state and findings; transition: the state changed or the certificate crossed a threshold. */
  kind: z.enum(['check', 'transition']),
  state: z.enum(HEALTH_STATES),
  previousState: z.enum(HEALTH_STATES).nullable(),
  summary: z.string(),
  findings: z.array(HealthFindingSchema),
  /** How many checks in a row this entry stands for (1 for transitions), the first of them at `firstAt`. */
  checks: z.number().int().min(1),
  firstAt: IsoDateTimeSchema,
});
export type HealthEvent = z.infer<typeof HealthEventSchema>;

export const HealthHistoryQuerySchema = z.object({
  page: z.coerce.number().int().min(1, 'Pages start at 1.').max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, 'A page has at most 100 entries.').default(25),
});
export type HealthHistoryQuery = z.infer<typeof HealthHistoryQuerySchema>;

export const HealthEventPageSchema = pageSchema(HealthEventSchema);
export type HealthEventPage = z.infer<typeof HealthEventPageSchema>;

export const TenantHealthCheckSchema = z.object({
  /** Connections checked now (a check already running elsewhere counts: its result is the answer). */
  checked: z.number().int().nonnegative(),
});
export type TenantHealthCheck = z.infer<typeof TenantHealthCheckSchema>;

/** Per-tenant interval: at least this many minutes (each check reads about a dozen SAP objects). */
export const TENANT_HEALTH_INTERVAL_MIN_MINUTES = 5;
export const TENANT_HEALTH_INTERVAL_MAX_MINUTES = 24 * 60;

export const PutTenantHealthSettingsSchema = z.object({
  /** Minutes between checks of each connection of this tenant; null: the server's default (HEALTH_CHECK_INTERVAL). */
  intervalMinutes: z
    .number({ error: 'Enter the interval in whole minutes, for example 15, or null for the server’s default.' })
    .int('Enter the interval in whole minutes, for example 15.')
    .min(TENANT_HEALTH_INTERVAL_MIN_MINUTES, `Checks run at most every ${TENANT_HEALTH_INTERVAL_MIN_MINUTES} minutes: each one reads about a dozen SAP objects. Enter ${TENANT_HEALTH_INTERVAL_MIN_MINUTES} or more.`)
    .max(TENANT_HEALTH_INTERVAL_MAX_MINUTES, `Checks run at least once a day: enter at most ${TENANT_HEALTH_INTERVAL_MAX_MINUTES} minutes.`)
    .nullable(),
});
export type PutTenantHealthSettings = z.infer<typeof PutTenantHealthSettingsSchema>;

export const TenantHealthSettingsSchema = z.object({
  intervalMinutes: z.number().int().nullable(),
  /** The interval in force for this tenant, in seconds (its own, or the server's default). */
  effectiveIntervalSeconds: z.number().int().positive(),
  /** Whether this server runs scheduled checks (HEALTH_CHECKS); Check now works either way. */
  scheduledChecks: z.boolean(),
});
export type TenantHealthSettings = z.infer<typeof TenantHealthSettingsSchema>;
