import type { ConnectionValues, FieldCheck } from '@tcc/shared';

/** The Client ID step 19 is compared with: as S/4HANA holds it, or — where S/4 could not tell — why not. */
export type HeldClientId = { source: 's4'; clientId: string; arrangement: string } | { source: 'derived'; why: string };

export interface StepContext {
  /** Every value known for the connection, with this request's entries applied. */
  values: ConnectionValues;
  hasCertificate: boolean;
  /** What S/4HANA holds as the SAP_COM_0501 Client ID (or why it could not be read); only read when a step is marked done. */
  heldClientId?: HeldClientId;
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
  /** check() compares with what S/4HANA holds: "done" reads it first (context.heldClientId). */
  readsHeldClientId?: boolean;
}
