import { STEP_CATALOGUE, type ConnectionDetail, type StepDefinition, type StepStatus } from '@tcc/shared';
import { List, ListItemGroup, ListItemStandard, type ListPropTypes } from '@ui5/webcomponents-react';
import { t } from '../../../../i18n';

const STATUS_ICON = {
  not_started: 'circle-task',
  in_progress: 'in-progress',
  done: 'sys-enter-2',
  skipped: 'process',
  failed: 'error',
} as const satisfies Record<StepStatus, string>;

/** A coloured bar at the item's start, as Fiori lists mark row states. */
const HIGHLIGHT = { not_started: 'None', in_progress: 'Information', done: 'Positive', skipped: 'Critical', failed: 'Negative' } as const;

/** Consecutive steps in the same SAP app form one group: the admin works through one app at a time. */
function groupByApp(steps: readonly StepDefinition[]) {
  const groups: { app: StepDefinition['app']; steps: StepDefinition[] }[] = [];
  for (const step of steps) {
    const last = groups.at(-1);
    if (last && last.app === step.app) last.steps.push(step);
    else groups.push({ app: step.app, steps: [step] });
  }
  return groups;
}

interface StepListProps {
  connection: ConnectionDetail;
  selectedId: number;
  onSelect: (stepId: number) => void;
}

export function StepList({ connection, selectedId, onSelect }: StepListProps) {
  const statusOf = (id: number): StepStatus => connection.steps.find((s) => s.stepId === id)?.status ?? 'not_started';
  const handleClick: ListPropTypes['onItemClick'] = (event) => onSelect(Number(event.detail.item.dataset.stepId));
  return (
    <List accessibleName={t('wizard.steps')} selectionMode="Single" onItemClick={handleClick} className="step-list">
      {groupByApp(STEP_CATALOGUE).map((group, index) => (
        <ListItemGroup key={`${group.app}-${index}`} headerText={t(`apps.${group.app}`)}>
          {group.steps.map((step) => {
            const status = statusOf(step.id);
            return (
              <ListItemStandard
                key={step.id}
                data-step-id={step.id}
                data-status={status}
                selected={step.id === selectedId}
                icon={STATUS_ICON[status]}
                highlight={HIGHLIGHT[status]}
                text={t('wizard.stepItem', { id: step.id, title: t(`steps.${step.id}.title`) })}
                description={t(`stepStatus.${status}`)}
                wrappingType="Normal"
              />
            );
          })}
        </ListItemGroup>
      ))}
    </List>
  );
}
