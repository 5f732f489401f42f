import type { TenantSapFacts } from '@tcc/shared';
import { Button, FlexBox, MessageStrip, ObjectStatus, Panel, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text } from '@ui5/webcomponents-react';
import { ErrorStrip } from '../../../components/error-strip';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';
import { useReadSapFacts } from '../api/read-sap-facts';

/** Saves the facts as a JSON file for support: built in the browser, nothing secret in it (the API never returns one). */
function download(facts: TenantSapFacts, connectionName: string) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(facts, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `sap-facts-${connectionName.replace(/[^A-Za-z0-9_-]+/g, '-')}-${facts.readAt.slice(0, 10)}.json`;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * "SAP facts for this tenant": each fact no public source settles, read from this tenant (settled, with the evidence)
 * or still assumed. Reading changes nothing in SAP; the result can be downloaded and sent to support.
 */
export function SapFactsPanel({ tenantId, connectionId, connectionName }: { tenantId: string; connectionId: string; connectionName: string }) {
  const read = useReadSapFacts();
  const facts = read.data;
  return (
    <Panel collapsed headerText={t('facts.title')} headerLevel="H4" className="sap-facts" data-testid="sap-facts">
      <FlexBox direction="Column" className="assisted-content">
        <Text className="muted">{t('facts.intro')}</Text>
        <FlexBox alignItems="Center" wrap="Wrap" className="gap">
          <Button icon="inspection" loading={read.isPending} loadingDelay={200} onClick={() => read.mutate({ tenantId, connectionId })}>
            {t('facts.read')}
          </Button>
          {facts && (
            <Button icon="download" onClick={() => download(facts, connectionName)}>
              {t('facts.download')}
            </Button>
          )}
          {facts && <Text className="muted">{t('facts.readAt', { date: formatDateTime(facts.readAt), host: facts.s4ApiHost })}</Text>}
        </FlexBox>
        <ErrorStrip error={read.error} />
        {facts?.problems.map((problem) => (
          <MessageStrip key={problem} design="Critical" hideCloseButton>
            {problem}
          </MessageStrip>
        ))}
        {facts && facts.facts.length > 0 && (
          <Table
            accessibleName={t('facts.table')}
            overflowMode="Popin"
            headerRow={
              <TableHeaderRow>
                <TableHeaderCell minWidth="14rem">{t('facts.question')}</TableHeaderCell>
                <TableHeaderCell minWidth="10rem">{t('facts.answer')}</TableHeaderCell>
                <TableHeaderCell minWidth="18rem">{t('facts.evidence')}</TableHeaderCell>
                <TableHeaderCell minWidth="16rem">{t('facts.consequence')}</TableHeaderCell>
              </TableHeaderRow>
            }
          >
            {facts.facts.map((fact) => (
              <TableRow key={fact.id} rowKey={fact.id} data-fact={fact.id} data-status={fact.status}>
                <TableCell><Text>{fact.question}</Text></TableCell>
                <TableCell>
                  <FlexBox direction="Column">
                    <Text>{fact.answer}</Text>
                    <ObjectStatus state={fact.status === 'settled' ? 'Positive' : 'Critical'}>{t(`facts.status.${fact.status}`)}</ObjectStatus>
                  </FlexBox>
                </TableCell>
                <TableCell><Text>{fact.evidence}</Text></TableCell>
                <TableCell><Text>{fact.consequence}</Text></TableCell>
              </TableRow>
            ))}
          </Table>
        )}
      </FlexBox>
    </Panel>
  );
}
