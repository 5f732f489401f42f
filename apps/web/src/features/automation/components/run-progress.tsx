import type { AutomationRun, UNIT_STATUSES } from '@tcc/shared';
import { FlexBox, Icon, MessageStrip, ObjectStatus, Text, Title } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';
import { SapCalls } from './sap-calls';

type UnitStatus = (typeof UNIT_STATUSES)[number];

const UNIT_STATE = { pending: 'None', running: 'Information', done: 'Positive', failed: 'Negative', manual: 'Critical', skipped: 'None' } as const satisfies Record<UnitStatus, string>;
/** Own icons where the state has no default one, or where "running" should not look like a plain information. */
const UNIT_ICON: Partial<Record<UnitStatus, string>> = { pending: 'pending', running: 'in-progress', skipped: 'status-inactive' };
const RUN_STATE = { running: 'Information', succeeded: 'Positive', manual: 'Critical', failed: 'Negative', interrupted: 'Critical' } as const satisfies Record<AutomationRun['status'], string>;

function UnitStatusLabel({ status }: { status: UnitStatus }) {
  const icon = UNIT_ICON[status];
  return (
    <ObjectStatus state={UNIT_STATE[status]} showDefaultIcon={!icon} icon={icon ? <Icon name={icon} /> : undefined}>
      {t(`run.unit.${status}`)}
    </ObjectStatus>
  );
}

/** A repair run marks each unit as repaired or only read (the units outside the repair). */
const isRepair = (run: AutomationRun) => run.units.some((u) => u.repair !== undefined);

function Outcome({ run }: { run: AutomationRun }) {
  // A unit left to the admin is no success yet: the strip says what is left instead of "completed".
  if (run.status === 'manual') {
    return (
      <MessageStrip design="Critical" hideCloseButton data-testid="run-outcome" data-manual="true">
        <strong>{t('run.completedManual')}</strong> {t('run.completedManualText')}
      </MessageStrip>
    );
  }
  if (run.status === 'succeeded') {
    return (
      <MessageStrip design="Positive" hideCloseButton data-testid="run-outcome">
        {isRepair(run) ? (
          <>
            <strong>{t('run.repaired')}</strong> {t('run.repairedText')}
          </>
        ) : (
          <>
            <strong>{t('run.completed')}</strong> {t('run.completedText')}
          </>
        )}
      </MessageStrip>
    );
  }
  if (run.status === 'failed') {
    return (
      <MessageStrip design="Negative" hideCloseButton data-testid="run-outcome">
        {t('run.failed', { error: run.error ?? '' })}
      </MessageStrip>
    );
  }
  if (run.status === 'interrupted') {
    return (
      <MessageStrip design="Critical" hideCloseButton data-testid="run-outcome">
        {run.error ?? t('run.interrupted')}
      </MessageStrip>
    );
  }
  return null;
}

/** The latest run, live while it goes on (server-sent events, or polling when the stream is down), then its outcome and its SAP calls. */
export function RunProgress({ run }: { run: AutomationRun }) {
  return (
    <FlexBox direction="Column" className="assisted-section" data-testid="run-progress" data-run-id={run.id} data-run-status={run.status} data-repair={isRepair(run)}>
      <FlexBox alignItems="Center" wrap="Wrap" className="gap">
        <Title level="H4" size="H5">{t(isRepair(run) ? 'run.repairTitle' : 'run.title')}</Title>
        <ObjectStatus state={RUN_STATE[run.status]} showDefaultIcon={run.status !== 'running'} icon={run.status === 'running' ? <Icon name="in-progress" /> : undefined}>
          {t(`run.status.${run.status}`)}
        </ObjectStatus>
        <Text className="muted">
          {t('run.startedBy', { date: formatDateTime(run.startedAt), user: run.startedBy })}
          {run.finishedAt && ` · ${t('run.finished', { date: formatDateTime(run.finishedAt) })}`}
        </Text>
      </FlexBox>
      {/* Announced politely, so a screen reader hears each unit finish without moving focus. */}
      <ol className="run-units" aria-label={t('run.units')} aria-live="polite">
        {run.units.map((unit) => (
          <li key={unit.unit} className="run-unit" data-unit={unit.unit} data-status={unit.status} data-repair={unit.repair}>
            <Text className="run-unit-name">{t(`unit.${unit.unit}`)}</Text>
            <UnitStatusLabel status={unit.status} />
            {(unit.message || unit.repair !== undefined) && (
              <Text className="muted run-unit-message">
                {[unit.repair === undefined ? null : t(unit.repair ? 'run.unit.repaired' : 'run.unit.readOnly'), unit.message].filter(Boolean).join(' · ')}
              </Text>
            )}
          </li>
        ))}
      </ol>
      <Outcome run={run} />
      <SapCalls calls={run.calls} />
    </FlexBox>
  );
}
