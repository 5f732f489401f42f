import { isFinished, STEP_CATALOGUE, type ConnectionDetail } from '@tcc/shared';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { t } from '../../../../i18n';
import type { Draft } from '../../hooks/use-step-form';
import { ProofStrip } from './proof-strip';
import { StepList } from './step-list';
import { StepPanel } from './step-panel';

interface ConnectionWizardProps {
  connection: ConnectionDetail;
  /** Viewers: inputs read-only, no step actions, no upload. */
  readOnly: boolean;
  onReload: () => void;
}

/** The wizard opens at ?step=N when given, else at the first step that is neither done nor skipped. */
function initialStep(connection: ConnectionDetail): number {
  const open = STEP_CATALOGUE.find((s) => {
    const progress = connection.steps.find((p) => p.stepId === s.id);
    return !progress || !isFinished(progress.status);
  });
  return (open ?? STEP_CATALOGUE.at(-1)!).id;
}

export function ConnectionWizard({ connection, readOnly, onReload }: ConnectionWizardProps) {
  const [searchParams, setSearchParams] = useSearchParams();
  // Computed once: without this, finishing the open step (e.g. by uploading the certificate) would jump away from it.
  const [openStep] = useState(() => initialStep(connection));
  const requested = Number(searchParams.get('step'));
  const selectedId = STEP_CATALOGUE.some((s) => s.id === requested) ? requested : openStep;
  const step = STEP_CATALOGUE.find((s) => s.id === selectedId)!;
  const [drafts, setDrafts] = useState<Record<number, Draft | undefined>>({});

  const select = (stepId: number) => setSearchParams({ step: String(stepId) }, { replace: true });
  const next = () => {
    const index = STEP_CATALOGUE.findIndex((s) => s.id === step.id);
    const following = STEP_CATALOGUE[index + 1];
    if (following) select(following.id);
  };

  return (
    <div className="wizard">
      <ProofStrip connection={connection} onGoToStep={select} />
      <div className="wizard-layout">
        <nav className="wizard-steps" aria-label={t('wizard.steps')}>
          <StepList connection={connection} selectedId={selectedId} onSelect={select} />
        </nav>
        <StepPanel
          key={step.id}
          connection={connection}
          step={step}
          readOnly={readOnly}
          draft={drafts[step.id]}
          onDraftChange={(draft) => setDrafts((prev) => ({ ...prev, [step.id]: draft }))}
          onDone={next}
          onGoToStep={select}
          onReload={onReload}
        />
      </div>
    </div>
  );
}
