import type { FieldCheck } from '@tcc/shared';
import { FlexBox, ObjectStatus, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text, Title } from '@ui5/webcomponents-react';
import { t } from '../../../../i18n';

function CheckResult({ check }: { check: FieldCheck }) {
  if (check.ok) return <ObjectStatus state="Positive" showDefaultIcon>{t('checks.ok')}</ObjectStatus>;
  return (
    <ObjectStatus state={check.blocking ? 'Negative' : 'Critical'} showDefaultIcon>
      {check.blocking ? t('checks.mismatch') : t('checks.warning')}
    </ObjectStatus>
  );
}

/** Step 19: what the admin pasted next to what this S/4HANA system must show, field by field. */
export function OAuthChecks({ checks }: { checks: FieldCheck[] }) {
  if (checks.length === 0) return null;
  return (
    <FlexBox direction="Column" className="step-section">
      <Title level="H4" size="H5">{t('checks.title')}</Title>
      <Table
        accessibleName={t('checks.table')}
        overflowMode="Popin"
        headerRow={
          <TableHeaderRow>
            <TableHeaderCell width="10rem">{t('checks.field')}</TableHeaderCell>
            <TableHeaderCell minWidth="14rem">{t('checks.expected')}</TableHeaderCell>
            <TableHeaderCell minWidth="14rem">{t('checks.actual')}</TableHeaderCell>
            <TableHeaderCell minWidth="12rem">{t('checks.result')}</TableHeaderCell>
          </TableHeaderRow>
        }
      >
        {checks.map((check) => (
          <TableRow key={check.field} rowKey={check.field} data-ok={check.ok}>
            <TableCell><Text>{t(`values.${check.field}`)}</Text></TableCell>
            <TableCell><Text className="mono break">{check.expected}</Text></TableCell>
            <TableCell><Text className="mono break">{check.actual}</Text></TableCell>
            <TableCell>
              <FlexBox direction="Column">
                <CheckResult check={check} />
                {!check.ok && <Text className="muted break">{check.message}</Text>}
              </FlexBox>
            </TableCell>
          </TableRow>
        ))}
      </Table>
    </FlexBox>
  );
}
