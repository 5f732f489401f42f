import type { AutomationUnitId } from '@tcc/shared';

/** One SAP call as the run records it: never a body, header or query value, so never a secret. */
export interface SapCallRecord {
  system: 'btp' | 's4hana';
  method: string;
  /** The URL path only (no query string: it may carry filters with names, never needed for the record). */
  path: string;
  status: number | null;
  durationMs: number;
  attempt: number;
  outcome: 'ok' | 'http-error' | 'timeout' | 'network-error' | 'refused';
  /** The assisted-setup unit that made the call, where one did. */
  unit?: AutomationUnitId | null;
}

export type CallLog = (record: SapCallRecord) => void;

export const NO_CALL_LOG: CallLog = () => {};
