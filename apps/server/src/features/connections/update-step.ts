import {
  ENTERED_VALUE_SCHEMAS,
  ERROR_CODES,
  KEEPABLE_VALUE_KEYS,
  findStep,
  isFinished,
  type EnteredValueKey,
  type EnteredValues,
  type FieldCheck,
  type StepDefinition,
  type UpdateStepSchema,
} from '@tcc/shared';
import type { z } from 'zod';
import { ConflictError, InputError, NotFoundError, UnprocessableError, type ErrorDetail } from '../../http/errors.js';
import { stepHandler, type HeldClientId, type StepContext } from '../../steps/index.js';
import type { ConnectionAggregate, StepRecord } from '../../store/types.js';
import { connectionValues } from './connection-values.js';
import type { ReadHeldClientId } from './read-held-client-id.js';

type UpdateStepRequest = z.output<typeof UpdateStepSchema>;
type DoneRequest = Extract<UpdateStepRequest, { status: 'done' }>;

/** Trims entries, drops empty ones and checks each against its format; keys of other steps are refused. */
function cleanValues(step: StepDefinition, values: EnteredValues): EnteredValues {
  const allowed = new Set<string>(step.inputs.map((input) => input.key));
  const cleaned: EnteredValues = {};
  const problems: ErrorDetail[] = [];
  for (const [key, raw] of Object.entries(values) as [EnteredValueKey, string][]) {
    if (!allowed.has(key)) {
      const takes = step.inputs.length ? `it takes ${step.inputs.map((i) => i.key).join(', ')}` : 'it takes no values';
      problems.push({ field: key, message: `Step ${step.id} has no field ${key}: ${takes}.` });
      continue;
    }
    if (raw.trim() === '') continue;
    const parsed = ENTERED_VALUE_SCHEMAS[key].safeParse(raw);
    if (parsed.success) cleaned[key] = parsed.data;
    else problems.push({ field: key, message: parsed.error.issues[0]?.message ?? 'Invalid value.' });
  }
  if (problems.length) throw new InputError(`Step ${step.id}: ${problems.map((p) => p.message).join(' ')}`, problems);
  return cleaned;
}

/** Marking done reads SAP where the step's checks need it (step 19: the Client ID S/4 holds). */
export interface StepUpdateDeps {
  readHeldClientId: ReadHeldClientId;
}

/** Why "done" is refused, as a typed error; else the note of the mismatches the admin chose to keep (null if none). */
async function assertReadyForDone(step: StepDefinition, aggregate: ConnectionAggregate, request: DoneRequest, values: EnteredValues, deps: StepUpdateDeps): Promise<string | null> {
  const missing = step.inputs.filter((input) => input.required && !values[input.key]);
  if (missing.length) {
    const details = missing.map((input) => ({ field: input.key, message: `Enter ${input.key} before marking step ${step.id} done.` }));
    throw new InputError(`Step ${step.id} needs ${missing.map((i) => i.key).join(', ')} before it can be done.`, details);
  }
  const finished = new Set(aggregate.steps.filter((s) => isFinished(s.status)).map((s) => s.stepId));
  const unmet = step.dependsOn.filter((id) => !finished.has(id));
  if (unmet.length) {
    const names = unmet.map((id) => `step ${id} (${findStep(id)?.title ?? ''})`).join(', ');
    throw new ConflictError(
      ERROR_CODES.dependencyUnmet,
      `Step ${step.id} depends on ${names}, which ${unmet.length > 1 ? 'are' : 'is'} not done yet. Finish or skip ${unmet.length > 1 ? 'them' : 'it'} first.`,
    );
  }
  const context: StepContext = { values: connectionValues(aggregate, { stepId: step.id, values }), hasCertificate: aggregate.certificate !== null };
  const handler = stepHandler(step.id);
  const blocked = handler.blockedBecause?.(context);
  if (blocked) throw new ConflictError(ERROR_CODES.dependencyUnmet, blocked);
  if (handler.readsHeldClientId && values.clientId) {
    context.heldClientId = await deps.readHeldClientId(aggregate);
  }
  const mismatches = (handler.check?.(context) ?? []).filter((check) => check.blocking);
  const keepable = (check: FieldCheck) => (KEEPABLE_VALUE_KEYS as readonly string[]).includes(check.field);
  const kept = request.keepValues ? mismatches.filter(keepable) : [];
  const refused = mismatches.filter((check) => !kept.includes(check));
  if (refused.length) {
    const offer = refused.every(keepable) ? ' If you are sure of what you entered, keep your value and say why.' : '';
    throw new UnprocessableError(
      ERROR_CODES.valueMismatch,
      `What was pasted does not match this S/4HANA system: ${refused.map((m) => m.message).join(' ')}${offer}`,
      refused.map((m) => ({ field: m.field, message: m.message })),
    );
  }
  return request.keepValues && kept.length ? keptNote(kept, context.heldClientId, request.keepValues.reason) : null;
}

const KEPT_LABELS: Record<(typeof KEEPABLE_VALUE_KEYS)[number], string> = { clientId: 'Client ID' };

/** The note of a done step whose entries were kept against SAP: what was kept, what it was compared with, and why. */
function keptNote(kept: FieldCheck[], held: HeldClientId | undefined, reason: string): string {
  const against = held?.source === 's4' ? 'S/4HANA holds' : 'the derived value is';
  const items = kept.map((k) => `${KEPT_LABELS[k.field as keyof typeof KEPT_LABELS] ?? k.field} ${k.actual}, where ${against} ${k.expected}`);
  return `Kept as entered: ${items.join('; ')}. Reason: ${reason}`;
}

/** Plans the step record a request writes; throws a typed error, leaving saved progress untouched, when it cannot. */
export async function planStepUpdate(
  aggregate: ConnectionAggregate,
  stepId: number,
  request: UpdateStepRequest,
  stamp: { at: string; by: string },
  deps: StepUpdateDeps,
): Promise<StepRecord> {
  const step = findStep(stepId);
  if (!step) throw new NotFoundError(`There is no step ${stepId}. The procedure has steps 1–10 and 12–20.`);
  const values = cleanValues(step, request.values);
  const kept = request.status === 'done' ? await assertReadyForDone(step, aggregate, request, values, deps) : null;
  const note = request.status === 'skipped' ? request.reason : request.status === 'failed' ? request.message : kept;
  return { stepId, status: request.status, values, note, updatedAt: stamp.at, updatedBy: stamp.by };
}
