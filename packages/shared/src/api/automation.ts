import { z } from 'zod';
import { IsoDateTimeSchema } from './common.js';

/**
 * Assisted setup: the seed steps grouped into units that act on one SAP object each, in dependency order.
 * trustCertificate (step 1) ‖ communicationUser (2–3) → communicationSystem (4–9) → inboundUser (10, 12, 13)
 * → arrangement (14–18) → oauthDetails (19) → destination (20).
 */
export const AUTOMATION_UNITS = ['trustCertificate', 'communicationUser', 'communicationSystem', 'inboundUser', 'arrangement', 'oauthDetails', 'destination'] as const;
export type AutomationUnitId = (typeof AUTOMATION_UNITS)[number];

export const PLAN_ACTIONS = ['read', 'create', 'adopt', 'update', 'manual', 'blocked'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export const FieldDiffSchema = z.object({
  field: z.string(),
  /** What SAP holds now; null for a secret (never shown) or an absent value. */
  current: z.string().nullable(),
  desired: z.string().nullable(),
  secret: z.boolean(),
  /**
   * The new value is not known before the run: S/4 assigns it on the way (the OAuth 2.0 Client ID of an inbound user
   * still to be created). `desired` is then null; the UI says "will be set to the new Client ID".
   */
  pending: z.enum(['s4ClientId']).optional(),
});
export type FieldDiff = z.infer<typeof FieldDiffSchema>;

export const UnitPlanSchema = z.object({
  unit: z.enum(AUTOMATION_UNITS),
  system: z.enum(['btp', 's4hana']),
  steps: z.array(z.number().int()),
  action: z.enum(PLAN_ACTIONS),
  /** The SAP object, e.g. "communication system TASK_CENTER". */
  object: z.string(),
  summary: z.string(),
  /** For update: every field that differs and will be changed once confirmed. */
  diff: z.array(FieldDiffSchema),
  /**
   * Who made the object, by the mark assisted setup leaves on what it creates (so far the destination only): this
   * connection, or another one (of any tenant). Absent when unmarked (made by hand) or not marked at all. Adopting or
   * changing an object of another connection needs confirmation.
   */
  createdBy: z.enum(['this-connection', 'another-connection']).optional(),
});
export type UnitPlan = z.infer<typeof UnitPlanSchema>;

export const AutomationPlanSchema = z.object({
  units: z.array(UnitPlanSchema),
  /** Preflight problems to fix before anything can run (missing credentials, rights, entity sets …). */
  blockers: z.array(z.string()),
  /** True when some unit changes an existing SAP object, or takes over another connection's: the run must be started with confirmChanges. */
  needsConfirmation: z.boolean(),
  /**
   * Only on a repair plan (planned with repair=true): `units` then lists just the objects that drifted from what setup
   * wants (create, update) or could not be planned (blocked); the others match and stay as they are.
   */
  repair: z
    .object({
      /** How many other objects match and are only read by the repair run. */
      unchanged: z.number().int().nonnegative(),
      /** Set when nothing drifted: "Nothing to repair: SAP holds what setup wrote." */
      message: z.string().nullable(),
    })
    .optional(),
});
export type AutomationPlan = z.infer<typeof AutomationPlanSchema>;

/** Plan for a repair: only what drifted (health findings) is to be changed. A query flag: the plan has no body. */
export const PlanAutomationQuerySchema = z.object({
  repair: z.enum(['true', 'false'], { error: 'repair is true or false.' }).optional(),
});

export const StartRunSchema = z.object({
  confirmChanges: z.boolean().default(false),
  /** Repair: change only the objects that drifted; every other unit is applied read-only. */
  repair: z.boolean().default(false),
});

export const UNIT_STATUSES = ['pending', 'running', 'done', 'failed', 'manual', 'skipped'] as const;

export const SapCallSchema = z.object({
  system: z.enum(['btp', 's4hana']),
  method: z.string(),
  path: z.string(),
  status: z.number().int().nullable(),
  durationMs: z.number().int(),
  attempt: z.number().int(),
  outcome: z.string(),
  unit: z.enum(AUTOMATION_UNITS).nullable().optional(),
});

export const AutomationRunSchema = z.object({
  id: z.string(),
  /** manual: every unit finished, but some left steps to the admin (named in their messages): not a success yet. */
  status: z.enum(['running', 'succeeded', 'manual', 'failed', 'interrupted']),
  startedAt: IsoDateTimeSchema,
  finishedAt: IsoDateTimeSchema.nullable(),
  startedBy: z.string(),
  units: z.array(
    z.object({
      unit: z.enum(AUTOMATION_UNITS),
      status: z.enum(UNIT_STATUSES),
      message: z.string().nullable(),
      /** Only in a repair run: true for the drifted objects it repaired, false for those it only read. */
      repair: z.boolean().optional(),
    }),
  ),
  calls: z.array(SapCallSchema),
  error: z.string().nullable(),
});
export type AutomationRun = z.infer<typeof AutomationRunSchema>;

/**
 * succeeded: the chain was run and S/4 answered 200; failed: it was run and broke (stepToFix names where);
 * not-tested: it could not be run, and the message names what is missing — never a failure of the connection.
 */
export const TEST_OUTCOMES = ['succeeded', 'failed', 'not-tested'] as const;

export const ConnectionTestSchema = z.object({
  outcome: z.enum(TEST_OUTCOMES),
  at: IsoDateTimeSchema,
  /** What happened, in words an admin can act on. */
  message: z.string(),
  /** The seed step to fix when the test failed, if the cause points at one. */
  stepToFix: z.number().int().nullable(),
  /** SAP's own error text, for support. */
  sapError: z.string().nullable(),
});
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;

/** "Verify" of a step done by hand: SAP's objects read and compared with what the step must leave behind. */
export const StepVerificationSchema = z.object({
  stepId: z.number().int(),
  verified: z.boolean(),
  message: z.string(),
  diff: z.array(FieldDiffSchema),
});
export type StepVerification = z.infer<typeof StepVerificationSchema>;
