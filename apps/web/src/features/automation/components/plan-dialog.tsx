import type { AutomationPlan, UnitPlan } from '@tcc/shared';
import {
  Bar,
  Button,
  CheckBox,
  Dialog,
  FlexBox,
  MessageStrip,
  Text,
  Title,
} from '@ui5/webcomponents-react';
import { useState } from 'react';
import { ErrorStrip } from '../../../components/error-strip';
import { t } from '../../../i18n';
import { DiffTable } from './diff-table';
import { PlanActionStatus } from './plan-action-status';

function UnitDiff({ unit }: { unit: UnitPlan }) {
  return (
    <DiffTable
      diff={unit.diff}
      accessibleName={t('plan.diff.table', { object: unit.object })}
      headers={{ field: t('plan.diff.field'), current: t('plan.diff.current'), desired: t('plan.diff.desired') }}
      className="plan-diff"
    />
  );
}

function PlanUnit({ unit }: { unit: UnitPlan }) {
  return (
    <li className="plan-unit" data-unit={unit.unit} data-action={unit.action}>
      <FlexBox direction="Column" className="plan-unit-content">
        <FlexBox alignItems="Center" justifyContent="SpaceBetween" wrap="Wrap" className="gap">
          <Title level="H4" size="H6">{unit.object}</Title>
          <PlanActionStatus action={unit.action} />
        </FlexBox>
        <Text className="muted">
          {t(`plan.system.${unit.system}`)}
          {unit.steps.length > 0 && ` · ${t('plan.steps', { steps: unit.steps.join(', ') })}`}
        </Text>
        <Text>{unit.summary}</Text>
        {unit.createdBy === 'another-connection' && (
          <MessageStrip design="Critical" hideCloseButton className="plan-created-by-another" data-testid="plan-created-by-another">
            {t('plan.createdByAnother')}
          </MessageStrip>
        )}
        {unit.action === 'update' && unit.diff.length > 0 && <UnitDiff unit={unit} />}
      </FlexBox>
    </li>
  );
}

interface PlanDialogProps {
  plan: AutomationPlan;
  busy: boolean;
  error: unknown;
  onRun: (confirmChanges: boolean) => void;
  onClose: () => void;
}

/** Nothing runs before the operator has seen every object it will create, adopt or change. */
export function PlanDialog({ plan, busy, error, onRun, onClose }: PlanDialogProps) {
  const [confirmed, setConfirmed] = useState(false);
  const blocked = plan.blockers.length > 0;
  const canRun = !blocked && (!plan.needsConfirmation || confirmed);
  return (
    <Dialog
      open
      headerText={t('plan.title')}
      onClose={onClose}
      className="plan-dialog"
      footer={
        <Bar
          design="Footer"
          endContent={
            <>
              <Button design="Emphasized" icon="media-play" disabled={!canRun} loading={busy} loadingDelay={200} onClick={() => onRun(plan.needsConfirmation && confirmed)}>
                {t('plan.run')}
              </Button>
              <Button design="Transparent" onClick={onClose}>
                {t('common.cancel')}
              </Button>
            </>
          }
        />
      }
    >
      <FlexBox direction="Column" className="plan-content">
        {blocked && (
          <MessageStrip design="Negative" hideCloseButton className="plan-blockers" data-testid="plan-blockers">
            {t('plan.blockersTitle')}
            <ul className="error-strip-details">
              {plan.blockers.map((blocker, index) => (
                <li key={index}>{blocker}</li>
              ))}
            </ul>
          </MessageStrip>
        )}
        <Text className="muted">{t('plan.intro')}</Text>
        <ol className="plan-units" aria-label={t('plan.units')}>
          {plan.units.map((unit) => (
            <PlanUnit key={unit.unit} unit={unit} />
          ))}
        </ol>
        {plan.needsConfirmation && !blocked && (
          <FlexBox direction="Column">
            <CheckBox text={t('plan.confirm')} checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />
            <Text className="muted form-hint-indented">{t('plan.confirmHint')}</Text>
          </FlexBox>
        )}
        <ErrorStrip error={error} />
      </FlexBox>
    </Dialog>
  );
}
