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

/**
 * Nothing runs before the operator has seen every object it will create, adopt or change. A repair plan (plan.repair)
 * lists just the objects that drifted after setup and says how many others stay as they are.
 */
export function PlanDialog({ plan, busy, error, onRun, onClose }: PlanDialogProps) {
  const [confirmed, setConfirmed] = useState(false);
  const repair = plan.repair;
  const blocked = plan.blockers.length > 0;
  const nothingToDo = repair !== undefined && plan.units.length === 0;
  const canRun = !blocked && !nothingToDo && (!plan.needsConfirmation || confirmed);
  return (
    <Dialog
      open
      headerText={t(repair ? 'plan.repairTitle' : 'plan.title')}
      data-mode={repair ? 'repair' : 'setup'}
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
            {t(repair ? 'plan.repairBlockersTitle' : 'plan.blockersTitle')}
            <ul className="error-strip-details">
              {plan.blockers.map((blocker, index) => (
                <li key={index}>{blocker}</li>
              ))}
            </ul>
          </MessageStrip>
        )}
        {nothingToDo && !blocked ? (
          <MessageStrip design="Positive" hideCloseButton data-testid="plan-nothing-to-repair">
            {t('plan.repairNothing')}
          </MessageStrip>
        ) : (
          <>
            <Text className="muted">{t(repair ? 'plan.repairIntro' : 'plan.intro')}</Text>
            <ol className="plan-units" aria-label={t(repair ? 'plan.repairUnits' : 'plan.units')}>
              {plan.units.map((unit) => (
                <PlanUnit key={unit.unit} unit={unit} />
              ))}
            </ol>
          </>
        )}
        {repair && repair.unchanged > 0 && !nothingToDo && (
          <Text className="muted" data-testid="plan-repair-unchanged">{t('plan.repairUnchanged', { count: repair.unchanged })}</Text>
        )}
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
