import type { StepVerification } from '@tcc/shared';
import { FlexBox, MessageStrip, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';
import { DiffValue } from './diff-value';

/** The outcome of "Verify in SAP": done (Positive), or what SAP holds that differs from what the step needs (Critical). */
export function StepVerificationResult({ result }: { result: StepVerification }) {
  return (
    <MessageStrip
      design={result.verified ? 'Positive' : 'Critical'}
      hideCloseButton
      data-testid="step-verification"
      data-verified={String(result.verified)}
    >
      <FlexBox direction="Column" className="step-verification">
        <span>{result.message}</span>
        {!result.verified && result.diff.length > 0 && (
          <Table
            accessibleName={t('verify.diff.table', { id: result.stepId })}
            overflowMode="Popin"
            className="step-verification-diff"
            headerRow={
              <TableHeaderRow>
                <TableHeaderCell minWidth="8rem">{t('verify.diff.field')}</TableHeaderCell>
                <TableHeaderCell minWidth="10rem">{t('verify.diff.current')}</TableHeaderCell>
                <TableHeaderCell minWidth="10rem">{t('verify.diff.desired')}</TableHeaderCell>
              </TableHeaderRow>
            }
          >
            {result.diff.map((diff) => (
              <TableRow key={diff.field} rowKey={diff.field}>
                <TableCell><Text className="mono">{diff.field}</Text></TableCell>
                <TableCell><DiffValue diff={diff} value={diff.current} /></TableCell>
                <TableCell><DiffValue diff={diff} value={diff.desired} /></TableCell>
              </TableRow>
            ))}
          </Table>
        )}
      </FlexBox>
    </MessageStrip>
  );
}
