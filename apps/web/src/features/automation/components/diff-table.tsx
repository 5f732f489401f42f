import type { FieldDiff } from '@tcc/shared';
import { Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text } from '@ui5/webcomponents-react';
import { DiffValue } from './diff-value';

interface DiffTableProps {
  diff: FieldDiff[];
  accessibleName: string;
  headers: { field: string; current: string; desired: string };
  className?: string;
}

/** Field by field: what SAP holds and what Task Center needs (secrets shown as hidden). Used by the plan and Verify. */
export function DiffTable({ diff, accessibleName, headers, className }: DiffTableProps) {
  return (
    <Table
      accessibleName={accessibleName}
      overflowMode="Popin"
      className={className}
      headerRow={
        <TableHeaderRow>
          <TableHeaderCell minWidth="8rem">{headers.field}</TableHeaderCell>
          <TableHeaderCell minWidth="10rem">{headers.current}</TableHeaderCell>
          <TableHeaderCell minWidth="10rem">{headers.desired}</TableHeaderCell>
        </TableHeaderRow>
      }
    >
      {diff.map((entry) => (
        <TableRow key={entry.field} rowKey={entry.field}>
          <TableCell><Text className="mono">{entry.field}</Text></TableCell>
          <TableCell><DiffValue diff={entry} value={entry.current} /></TableCell>
          <TableCell><DiffValue diff={entry} value={entry.desired} side="desired" /></TableCell>
        </TableRow>
      ))}
    </Table>
  );
}
