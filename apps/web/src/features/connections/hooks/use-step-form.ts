import {
  SUGGESTED_NAMES,
  ENTERED_VALUE_SCHEMAS,
  type ConnectionDetail,
  type EnteredValueKey,
  type EnteredValues,
  type KeepValues,
  type StepDefinition,
  type UpdateStep,
} from '@tcc/shared';
import { useState } from 'react';
import { apiFieldError } from '../../../lib/api-client';
import { focusFirstInvalid } from '../../../utils/focus';
import { useUpdateStep } from '../api/update-step';

export type Draft = Partial<Record<EnteredValueKey, string>>;
type Action =
  | { status: 'in_progress' | 'done' | 'not_started' }
  | { status: 'skipped'; reason: string }
  /** "Keep my value": done although a keepable value differs from what SAP holds (KeepValuesSchema). */
  | { status: 'done'; keepValues: KeepValues };

interface StepFormOptions {
  connection: ConnectionDetail;
  step: StepDefinition;
  /** Typed values live above the panel, so they survive switching steps, refetches and 409 answers. */
  draft: Draft | undefined;
  onDraftChange: (draft: Draft | undefined) => void;
  onSaved: (action: Action['status']) => void;
}

/** The values, validation and save actions of one step panel. */
export function useStepForm({ connection, step, draft, onDraftChange, onSaved }: StepFormOptions) {
  const progress = connection.steps.find((s) => s.stepId === step.id);
  const [errors, setErrors] = useState<Draft>({});
  const mutation = useUpdateStep();

  const valueOf = (key: EnteredValueKey) =>
    draft?.[key] ?? progress?.values[key] ?? (SUGGESTED_NAMES[key as keyof typeof SUGGESTED_NAMES] ?? '');
  const setValue = (key: EnteredValueKey, value: string) => {
    onDraftChange({ ...draft, [key]: value });
    setErrors((prev) => ({ ...prev, [key]: undefined }));
  };

  /** "done" needs every required input valid; a plain save only checks what was typed. */
  const validate = (complete: boolean): EnteredValues | null => {
    const values: EnteredValues = {};
    const found: Draft = {};
    for (const { key, required } of step.inputs) {
      const raw = valueOf(key);
      if (raw.trim() === '' && !(complete && required)) continue;
      const parsed = ENTERED_VALUE_SCHEMAS[key].safeParse(raw);
      if (parsed.success) values[key] = parsed.data;
      else found[key] = parsed.error.issues[0]?.message;
    }
    setErrors(found);
    focusFirstInvalid(Object.keys(found).map((key) => `step-input-${key}`));
    return Object.keys(found).length === 0 ? values : null;
  };

  const submit = (action: Action) => {
    const reset = action.status === 'not_started';
    const values = reset ? {} : validate(action.status === 'done');
    if (values === null) return;
    const body = { ...action, values, version: connection.version } as UpdateStep;
    mutation.mutate(
      { tenantId: connection.tenantId, connectionId: connection.id, stepId: step.id, body },
      {
        onSuccess: () => {
          onDraftChange(undefined);
          onSaved(action.status);
        },
      },
    );
  };

  const errorOf = (key: EnteredValueKey) => errors[key] ?? apiFieldError(mutation.error, key);
  return { progress, valueOf, setValue, errorOf, submit, mutation };
}
