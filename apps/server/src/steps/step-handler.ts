import type { ConnectionValues, FieldCheck } from '@tcc/shared';

export interface StepContext {
  /** Every value known for the connection, with this request's entries applied. */
  values: ConnectionValues;
  hasCertificate: boolean;
}

/**
 * A step's own logic beyond the catalogue's generic rules (inputs present and well-formed, dependencies finished).
 * Guided setup checks what the admin reports here; assisted setup will add plan, apply and verify beside it.
 */
export interface StepHandler {
  /** Compares entered values with what SAP must show; blocking mismatches stop "done". */
  check?(context: StepContext): FieldCheck[];
  /** Why the step cannot be marked done yet, beyond its dependencies; null when it can. */
  blockedBecause?(context: StepContext): string | null;
}
