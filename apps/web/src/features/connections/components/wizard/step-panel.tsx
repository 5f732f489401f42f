import { isFinished, type ConnectionDetail, type StepDefinition } from '@tcc/shared';
import { useQuery } from '@tanstack/react-query';
import { FlexBox, MessageStrip, Text, Title } from '@ui5/webcomponents-react';
import { useEffect, useRef } from 'react';
import { ErrorStrip } from '../../../../components/error-strip';
import { t } from '../../../../i18n';
import { formatDateTime } from '../../../../utils/format';
import { getCredentialsQueryOptions } from '../../../automation/api/get-credentials';
import { useVerifyStep } from '../../../automation/api/verify-step';
import { StepVerificationResult } from '../../../automation/components/step-verification';
import { useStepForm, type Draft } from '../../hooks/use-step-form';
import { DestinationProperties } from './destination-properties';
import { isKeepableMismatch, KeepValue } from './keep-value';
import { OAuthChecks } from './oauth-checks';
import { StepActions } from './step-actions';
import { StepCopyValues } from './step-copy-values';
import { StepExtras } from './step-extras';
import { StepInputs } from './step-inputs';

interface StepPanelProps {
  connection: ConnectionDetail;
  step: StepDefinition;
  readOnly: boolean;
  draft: Draft | undefined;
  onDraftChange: (draft: Draft | undefined) => void;
  onDone: () => void;
  onGoToStep: (stepId: number) => void;
  onReload: () => void;
}

export function StepPanel({ connection, step, readOnly, draft, onDraftChange, onDone, onGoToStep, onReload }: StepPanelProps) {
  const form = useStepForm({ connection, step, draft, onDraftChange, onSaved: (status) => status === 'done' && onDone() });
  const status = form.progress?.status ?? 'not_started';
  const unmet = step.dependsOn.filter((id) => {
    const s = connection.steps.find((p) => p.stepId === id);
    return !s || !isFinished(s.status);
  });

  // Every step is covered by an assisted-setup unit; verifying reads both SAP systems, so both credentials must be set.
  const credentials = useQuery({ ...getCredentialsQueryOptions(connection.tenantId, connection.id), enabled: !readOnly });
  const canVerify = !!credentials.data?.destinationServiceKey.set && !!credentials.data.communicationManagement.set;
  const verification = useVerifyStep();
  const verify = () => {
    verification.reset();
    verification.mutate({ tenantId: connection.tenantId, connectionId: connection.id, stepId: step.id });
  };

  const ref = useRef<HTMLElement>(null);
  // Picking a step far down the list must not leave its panel scrolled out of view.
  useEffect(() => {
    const top = ref.current?.getBoundingClientRect().top ?? 0;
    if (top < 0) ref.current?.scrollIntoView({ block: 'start' });
  }, []);

  return (
    <section ref={ref} className="step-panel" aria-labelledby="step-panel-title">
      <FlexBox direction="Column" className="step-panel-content">
          <Text className="muted">{t('wizard.inApp', { app: t(`apps.${step.app}`) })}</Text>
          <Title id="step-panel-title" level="H3" size="H4">
            {t('wizard.stepHeading', { id: step.id, title: t(`steps.${step.id}.title`) })}
          </Title>
          <Text className="instructions">{t(`steps.${step.id}.instructions`)}</Text>
          {unmet.length > 0 && !isFinished(status) && (
            <MessageStrip design="Information" hideCloseButton>
              {t('wizard.dependsOn', { steps: unmet.join(', ') })}
            </MessageStrip>
          )}
          {form.progress?.note && (
            <MessageStrip design={status === 'failed' ? 'Negative' : 'Information'} hideCloseButton>
              {t(status === 'failed' ? 'wizard.note.failed' : status === 'skipped' ? 'wizard.note.skipped' : 'wizard.note.other', { note: form.progress.note })}
            </MessageStrip>
          )}
          <StepExtras connection={connection} step={step} readOnly={readOnly} onGoToStep={onGoToStep} onReload={onReload} />
          <StepInputs inputs={step.inputs} readOnly={readOnly} valueOf={form.valueOf} errorOf={form.errorOf} onChange={form.setValue} />
          <StepCopyValues keys={step.copyValues} values={connection.values} />
          <OAuthChecks checks={connection.checks.filter((check) => step.inputs.some((input) => input.key === check.field))} />
          {step.listsDestination && <DestinationProperties properties={connection.destination} stepId={step.id} />}
          <ErrorStrip error={form.mutation.error} onReload={onReload} shownFields={step.inputs.map((i) => i.key)} />
          {!readOnly && isKeepableMismatch(form.mutation.error) && (
            <KeepValue busy={form.mutation.isPending} onKeep={(keepValues) => form.submit({ status: 'done', keepValues })} />
          )}
          <ErrorStrip error={verification.error} onReload={onReload} />
          {verification.data && <StepVerificationResult result={verification.data} />}
          {!readOnly && (
            <StepActions
              stepId={step.id}
              status={status}
              hasInputs={step.inputs.length > 0}
              busy={form.mutation.isPending}
              verify={canVerify ? { busy: verification.isPending, onVerify: verify } : undefined}
              onAction={(action) => {
                verification.reset();
                form.submit(action);
              }}
            />
          )}
          {form.progress?.updatedAt && (
            <Text className="muted">{t('wizard.lastChange', { date: formatDateTime(form.progress.updatedAt), user: form.progress.updatedBy ?? '' })}</Text>
          )}
      </FlexBox>
    </section>
  );
}
