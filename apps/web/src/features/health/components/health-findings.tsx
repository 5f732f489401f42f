import type { HealthFinding } from '@tcc/shared';
import { FlexBox, Link, ObjectStatus, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';
import { SEVERITY_DESIGN } from './health-status';

interface HealthFindingsProps {
  findings: HealthFinding[];
  /** Opens the wizard at the step that fixes a finding (?step=N). */
  onGoToStep: (stepId: number) => void;
}

/** Findings, most severe first: the cause, where, what setup wrote against what SAP holds, and the step to fix. */
export function HealthFindings({ findings, onGoToStep }: HealthFindingsProps) {
  const none = t('health.finding.none');
  return (
    <Table accessibleName={t('health.findings.table')} overflowMode="Popin" noDataText={t('health.panel.noFindings')} data-testid="health-findings"
      headerRow={
        <TableHeaderRow>
          <TableHeaderCell width="7rem">{t('health.finding.col.severity')}</TableHeaderCell>
          <TableHeaderCell minWidth="16rem">{t('health.finding.col.cause')}</TableHeaderCell>
          <TableHeaderCell minWidth="10rem">{t('health.finding.col.object')}</TableHeaderCell>
          <TableHeaderCell minWidth="9rem">{t('health.finding.col.expected')}</TableHeaderCell>
          <TableHeaderCell minWidth="9rem">{t('health.finding.col.actual')}</TableHeaderCell>
          <TableHeaderCell width="8rem">{t('health.finding.col.fix')}</TableHeaderCell>
        </TableHeaderRow>
      }
    >
      {findings.map((f, index) => (
        <TableRow key={`${f.code}-${f.field ?? ''}-${index}`} rowKey={`${f.code}-${index}`} data-code={f.code} className="health-finding">
          <TableCell>
            <ObjectStatus state={SEVERITY_DESIGN[f.severity]} showDefaultIcon={f.severity !== 'unknown'}>{t(`health.severity.${f.severity}`)}</ObjectStatus>
          </TableCell>
          <TableCell>
            <FlexBox direction="Column">
              <Text className="health-cause">{f.message}</Text>
              <Text className="muted">{t('health.finding.since', { at: formatDateTime(f.since) })}</Text>
            </FlexBox>
          </TableCell>
          <TableCell><Text>{[f.object, f.field].filter(Boolean).join(' · ') || none}</Text></TableCell>
          <TableCell><Text className="mono">{f.expected ?? none}</Text></TableCell>
          <TableCell><Text className="mono">{f.actual ?? none}</Text></TableCell>
          <TableCell>
            {f.stepId !== null ? (
              <Link href={`?step=${f.stepId}`} data-step={f.stepId} accessibleName={t('health.finding.openStepOf', { step: f.stepId, message: f.message })}
                onClick={(event) => { event.preventDefault(); onGoToStep(f.stepId!); }}>
                {t('health.finding.openStep', { step: f.stepId })}
              </Link>
            ) : (
              <Text className="muted">{t('health.finding.noStep')}</Text>
            )}
          </TableCell>
        </TableRow>
      ))}
    </Table>
  );
}
