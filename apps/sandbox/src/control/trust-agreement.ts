import type { SandboxContext } from '../context.js';
import { certificateBase64 } from '../crypto/keys.js';

/** One moment at which a communication system started or stopped trusting BTP's active certificate. */
export interface TrustAgreementChange {
  /** Epoch milliseconds with sub-millisecond precision (performance clock). */
  at: number;
  systemId: string;
  agrees: boolean;
}

/** Kept per sandbox: the last verdict per system and the changes (bounded: a test reads a few; a long run must not grow). */
export interface TrustAgreementLog {
  last: Map<string, boolean>;
  changes: TrustAgreementChange[];
}

const MAX_CHANGES = 1000;

export const createTrustAgreementLog = (): TrustAgreementLog => ({ last: new Map(), changes: [] });

/**
 * Whether each communication system with the OAuth 2.0 identity provider on holds the certificate BTP signs with now
 * (the active one, sap-apis.md A.5): exactly when SAML bearer tokens of the subaccount are accepted by its token
 * endpoint. Called after every write, so the rotation test can measure how long S/4 and BTP disagreed — from the
 * sandbox's own state, not from what a client guesses.
 */
export function recordTrustAgreement(ctx: SandboxContext): void {
  const log = ctx.trustAgreement;
  const pair = ctx.state.btp.trust.active;
  const active = pair ? certificateBase64(pair.certificatePem) : null;
  const at = performance.timeOrigin + performance.now();
  for (const system of ctx.state.s4.communicationSystems.values()) {
    if (!system.IsOAuth2IdentityProviderActive || !system.OAuth2IdentityProviderCertificatePublicKeyBase64) continue;
    const agrees = certificateBase64(system.OAuth2IdentityProviderCertificatePublicKeyBase64) === active;
    if (log.last.get(system.ID) === agrees) continue;
    log.last.set(system.ID, agrees);
    log.changes.push({ at, systemId: system.ID, agrees });
    if (log.changes.length > MAX_CHANGES) log.changes.splice(0, log.changes.length - MAX_CHANGES);
  }
}

/** Starts a measurement: forgets the changes, records where each system stands now. */
export function resetTrustAgreement(ctx: SandboxContext): TrustAgreementChange[] {
  ctx.trustAgreement.last.clear();
  ctx.trustAgreement.changes.length = 0;
  recordTrustAgreement(ctx);
  return ctx.trustAgreement.changes;
}
