import { z } from 'zod';
import { ENTERED_VALUE_KEYS, type EnteredValueKey } from '../catalogue/values.js';
import { LIMITS } from '../limits.js';
import { IdSchema, IsoDateTimeSchema, VersionSchema } from './common.js';

export const STEP_STATUSES = ['not_started', 'in_progress', 'done', 'skipped', 'failed'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** Values as typed; format and cross-checks run on the server against the step's inputs. */
export const EnteredValuesSchema = z.partialRecord(
  z.enum(ENTERED_VALUE_KEYS),
  z.string().max(LIMITS.stepValueMax, `A value has at most ${LIMITS.stepValueMax} characters.`),
);
export type EnteredValues = z.infer<typeof EnteredValuesSchema>;

const NoteSchema = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Say ${what}.`)
    .max(LIMITS.stepNoteMax, `At most ${LIMITS.stepNoteMax} characters.`);

const base = { values: EnteredValuesSchema.default({}), version: VersionSchema };

/**
 * Values whose mismatch the admin may overrule with a reason: the Client ID, whose expected value may be read from the
 * wrong arrangement or derived where S/4 could not be read (sap-apis.md C: its shape is UNCERTAIN). The Token Service
 * URL and SAML2 Audience follow from the host for certain, so a mismatch there is never kept.
 */
export const KEEPABLE_VALUE_KEYS = ['clientId'] as const satisfies readonly EnteredValueKey[];

/** "Keep my value": mark done although a keepable value differs from what SAP holds; the reason becomes the step's note. */
export const KeepValuesSchema = z.object({ reason: NoteSchema('why you keep the value you entered') });
export type KeepValues = z.infer<typeof KeepValuesSchema>;

export const UpdateStepSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('not_started'), ...base }),
  z.object({ status: z.literal('in_progress'), ...base }),
  z.object({ status: z.literal('done'), keepValues: KeepValuesSchema.optional(), ...base }),
  z.object({ status: z.literal('skipped'), reason: NoteSchema('why this step is skipped'), ...base }),
  z.object({ status: z.literal('failed'), message: NoteSchema('what went wrong'), ...base }),
]);
export type UpdateStep = z.input<typeof UpdateStepSchema>;

export const StepParamsSchema = z.object({
  tenantId: IdSchema,
  connectionId: IdSchema,
  // Decimal digits only: Number('0x10') or ' 8' would otherwise name step 16 or 8 (finding 17 of "Tell the admin the truth").
  stepId: z.union([z.number(), z.string().regex(/^[1-9][0-9]{0,2}$/, 'Give the step number in decimal digits').transform(Number)]).pipe(z.number().int().positive()),
});

export const StepProgressSchema = z.object({
  stepId: z.number().int(),
  status: z.enum(STEP_STATUSES),
  values: EnteredValuesSchema,
  /** The skip reason or the failure message. */
  note: z.string().nullable(),
  updatedAt: IsoDateTimeSchema.nullable(),
  updatedBy: z.string().nullable(),
});
export type StepProgress = z.infer<typeof StepProgressSchema>;

/** A value the admin pasted, compared with what SAP must show (seed step 19). */
export const FieldCheckSchema = z.object({
  field: z.enum(ENTERED_VALUE_KEYS),
  expected: z.string(),
  actual: z.string(),
  ok: z.boolean(),
  /** A mismatch that blocks "done" (false: a warning only). */
  blocking: z.boolean(),
  message: z.string(),
});
export type FieldCheck = z.infer<typeof FieldCheckSchema>;
