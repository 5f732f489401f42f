import { z } from 'zod';
import { ConnectionTestSchema } from './automation.js';
import { IsoDateTimeSchema } from './common.js';

/**
 * Certificate rotation without downtime (sap-apis.md A.5): BTP keeps a passive trust certificate beside the active one;
 * rotating swaps them. S/4HANA trusts one signing certificate per communication system, so the switch is: put the
 * passive certificate on the communication system, then make it active in BTP, back to back.
 */
export const TrustCertificateInfoSchema = z.object({
  cn: z.string(),
  fingerprintSha256: z.string(),
  notBefore: IsoDateTimeSchema,
  notAfter: IsoDateTimeSchema,
  daysToExpiry: z.number().int(),
  /** The certificate itself (public: what the cockpit exports), for the guided path's upload. */
  pem: z.string(),
});
export type TrustCertificateInfo = z.infer<typeof TrustCertificateInfoSchema>;

/** Which certificate the S/4 communication system holds; unknown when it could not be read. */
export const S4_HOLDS = ['active', 'passive', 'other', 'none', 'unknown'] as const;

export const TrustRotationStatusSchema = z.object({
  readAt: IsoDateTimeSchema,
  active: TrustCertificateInfoSchema.nullable(),
  passive: TrustCertificateInfoSchema.nullable(),
  s4Holds: z.enum(S4_HOLDS),
  /** Why an assisted rotation cannot run now, in words an admin acts on (empty: it can). The guided path always can. */
  blockers: z.array(z.string()),
});
export type TrustRotationStatus = z.infer<typeof TrustRotationStatusSchema>;

export const ROTATION_STEP_IDS = ['read', 'put-on-s4', 'activate-in-btp', 'verify', 'end-to-end', 'roll-back-btp', 'roll-back-s4'] as const;
export type RotationStepId = (typeof ROTATION_STEP_IDS)[number];

export const RotationStepSchema = z.object({
  id: z.enum(ROTATION_STEP_IDS),
  status: z.enum(['done', 'failed']),
  message: z.string(),
  at: IsoDateTimeSchema,
});

/**
 * rotated: both systems hold the new certificate and the chain was tested (or could not be: see test);
 * rolled-back: something failed after a change, and both systems hold the previous certificate again;
 * failed: nothing was changed, or the roll-back itself failed (the message says what to do by hand).
 */
export const ROTATION_OUTCOMES = ['rotated', 'rolled-back', 'failed'] as const;

export const TrustRotationResultSchema = z.object({
  outcome: z.enum(ROTATION_OUTCOMES),
  message: z.string(),
  startedAt: IsoDateTimeSchema,
  finishedAt: IsoDateTimeSchema,
  /** From S/4's answer to BTP's answer: how long the systems may have disagreed, as this server saw it. */
  switchMs: z.number().nullable(),
  steps: z.array(RotationStepSchema),
  test: ConnectionTestSchema.nullable(),
  status: TrustRotationStatusSchema,
});
export type TrustRotationResult = z.infer<typeof TrustRotationResultSchema>;

/** The switch changes both systems: it runs only when the admin confirmed it (the web app's dialog). */
export const StartTrustRotationSchema = z.object({
  confirm: z.literal(true, { message: 'Confirm the switch: it changes the S/4HANA communication system and the active certificate in BTP.' }),
});
