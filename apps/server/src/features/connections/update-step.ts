import {
  ENTERED_VALUE_SCHEMAS,
  ERROR_CODES,
  findStep,
  isFinished,
  type EnteredValueKey,
  type EnteredValues,
  type StepDefinition,
  type UpdateStepSchema,
} from '@tcc/shared';
import type { z } from 'zod';
import { ConflictError, InputError, NotFoundError, UnprocessableError, type ErrorDetail } from '../../http/errors.js';
import { stepHandler } from '../../steps/index.js';
import type { ConnectionAggregate, StepRecord } from '../../store/types.js';
import { connectionValues } from './connection-values.js';

type UpdateStepRequest = z.output<typeof UpdateStepSchema>;

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

function assertReadyForDone(step: StepDefinition, aggregate: ConnectionAggregate, values: EnteredValues): void {
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
  const context = { values: connectionValues(aggregate, { stepId: step.id, values }), hasCertificate: aggregate.certificate !== null };
  const handler = stepHandler(step.id);
  const blocked = handler.blockedBecause?.(context);
  if (blocked) throw new ConflictError(ERROR_CODES.dependencyUnmet, blocked);
  const mismatches = (handler.check?.(context) ?? []).filter((check) => check.blocking);
  if (mismatches.length) {
    throw new UnprocessableError(
      ERROR_CODES.valueMismatch,
      `What was pasted does not match this S/4HANA system: ${mismatches.map((m) => m.message).join(' ')}`,
      mismatches.map((m) => ({ field: m.field, message: m.message })),
    );
  }
}

/** Plans the step record a request writes; throws a typed error, leaving saved progress untouched, when it cannot. */
export function planStepUpdate(aggregate: ConnectionAggregate, stepId: number, request: UpdateStepRequest, stamp: { at: string; by: string }): StepRecord {
  const step = findStep(stepId);
  if (!step) throw new NotFoundError(`There is no step ${stepId}. The procedure has steps 1–10 and 12–20.`);
  const values = cleanValues(step, request.values);
  if (request.status === 'done') assertReadyForDone(step, aggregate, values);
  const note = request.status === 'skipped' ? request.reason : request.status === 'failed' ? request.message : null;
  return { stepId, status: request.status, values, note, updatedAt: stamp.at, updatedBy: stamp.by };
}
