import type { AutomationRun } from '@tcc/shared';
import { Panel, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';

/** Every call the run made, for support: collapsed by default, since a healthy run needs no reading. */
export function SapCalls({ calls }: { calls: AutomationRun['calls'] }) {
  return (
    <Panel collapsed headerText={t('run.calls', { count: calls.length })} headerLevel="H5" className="sap-calls" data-testid="sap-calls">
      <Table
        accessibleName={t('run.calls.table')}
        overflowMode="Popin"
        noDataText={t('run.calls.empty')}
        headerRow={
          <TableHeaderRow sticky>
            <TableHeaderCell width="9rem">{t('run.calls.system')}</TableHeaderCell>
            <TableHeaderCell width="5rem">{t('run.calls.method')}</TableHeaderCell>
            <TableHeaderCell minWidth="16rem">{t('run.calls.path')}</TableHeaderCell>
            <TableHeaderCell width="5rem">{t('run.calls.status')}</TableHeaderCell>
            <TableHeaderCell width="7rem" horizontalAlign="End">{t('run.calls.duration')}</TableHeaderCell>
          </TableHeaderRow>
        }
      >
        {calls.map((call, index) => (
          <TableRow key={index} rowKey={String(index)} data-outcome={call.outcome}>
            <TableCell><Text>{t(`plan.system.${call.system}`)}</Text></TableCell>
            <TableCell><Text className="mono">{call.method}</Text></TableCell>
            <TableCell><Text className="mono break">{call.path}</Text></TableCell>
            <TableCell><Text className="mono">{call.status ?? t('run.calls.noStatus')}</Text></TableCell>
            <TableCell horizontalAlign="End"><Text className="mono">{call.durationMs}</Text></TableCell>
          </TableRow>
        ))}
      </Table>
    </Panel>
  );
}
