import type { SandboxContext } from '../context.js';
import { createKeyPair } from '../crypto/keys.js';
import { UNCERTAIN } from '../uncertain.js';

const trustKeyPair = (ctx: SandboxContext, validDays = 730) =>
  createKeyPair(UNCERTAIN.trustCertificateSubject(`cfapps.${ctx.state.btp.landscapeDomain}/${ctx.state.btp.subaccountId}`), validDays);

/** A body's `validDays`: how long a certificate made by an action is valid (BTP gives 730; tests shorten it to near expiry). */
const validDaysOf = (body: Record<string, unknown>) => (typeof body.validDays === 'number' && Number.isInteger(body.validDays) && body.validDays > 0 ? body.validDays : 730);

/** Outside events an admin's setup must survive; each answers what it changed. */
export const SANDBOX_ACTIONS = {
  /**
   * Renewing the ACTIVE certificate breaks trust until S/4 gets the new one (sap-apis.md A.5). `validDays` (default 730,
   * as BTP) makes one that expires soon, for the expiry thresholds of the health checks.
   */
  'renew-trust-certificate': (ctx: SandboxContext, body: Record<string, unknown> = {}) => {
    ctx.state.btp.trust.active = trustKeyPair(ctx, validDaysOf(body));
    return { activeCertificate: ctx.state.btp.trust.active.certificatePem };
  },
  /** Rotation: a passive certificate (made if missing) becomes active. */
  'rotate-trust-certificate': (ctx: SandboxContext) => {
    const trust = ctx.state.btp.trust;
    const passive = trust.passive ?? trustKeyPair(ctx);
    trust.passive = trust.active;
    trust.active = passive;
    return { activeCertificate: trust.active.certificatePem, passiveCertificate: trust.passive?.certificatePem ?? null };
  },
  /** Locks communication users (all but the SAP_COM_0A48 one, or the one named). */
  'lock-communication-user': (ctx: SandboxContext, body: Record<string, unknown>) => {
    const locked: string[] = [];
    for (const user of ctx.state.s4.communicationUsers.values()) {
      if (body.name ? user.Name === body.name : user.Name !== ctx.state.s4.managementUser.name) {
        user.IsLocked = true;
        locked.push(user.Name);
      }
    }
    return { locked };
  },
  /** An admin unlocks the SAP_COM_0A48 user in Maintain Communication Users: three new attempts. */
  'unlock-communication-management-user': (ctx: SandboxContext) => {
    Object.assign(ctx.state.s4.managementUser, { failedLogons: 0, locked: false });
    return { unlocked: ctx.state.s4.managementUser.name };
  },
  /** Deletes SAP_COM_0501 arrangements (or the one named), as an admin might by mistake. */
  'delete-arrangement': (ctx: SandboxContext, body: Record<string, unknown>) => {
    const deleted: string[] = [];
    for (const [uuid, arrangement] of ctx.state.s4.arrangements) {
      if (body.name ? arrangement.Name === body.name : arrangement.CommunicationScenarioID === 'SAP_COM_0501') {
        ctx.state.s4.arrangements.delete(uuid);
        deleted.push(arrangement.Name);
      }
    }
    return { deleted };
  },
  /** Every CSRF token handed out so far is expired: the next write answers 403 x-csrf-token: Required. */
  'expire-csrf-tokens': (ctx: SandboxContext) => {
    for (const entry of ctx.state.s4.csrfTokens.values()) entry.expiresAt = 0;
    return { expired: ctx.state.s4.csrfTokens.size };
  },
} as const;

export type SandboxAction = keyof typeof SANDBOX_ACTIONS;
