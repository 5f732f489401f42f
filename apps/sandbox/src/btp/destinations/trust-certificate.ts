import { Router } from 'express';
import type { SandboxContext } from '../../context.js';
import { createKeyPair, type KeyPairWithCertificate } from '../../crypto/keys.js';
import { UNCERTAIN } from '../../uncertain.js';

/** BTP gives a renewed trust certificate another 2 years (sap-apis.md A.5). */
const TRUST_VALID_DAYS = 730;

/**
 * Generates (or renews) the subaccount's trust key pair in one slot and stores it. The CN is
 * `cfapps.<landscape>/<subaccountId>` (sap-apis.md A.6); the rest of the subject is UNCERTAIN.
 * Exported so the sandbox's control routes can renew the certificate without HTTP.
 */
export function generateTrustKeyPair(ctx: SandboxContext, slot: 'active' | 'passive' = 'active'): KeyPairWithCertificate {
  const { btp } = ctx.state;
  const cn = `cfapps.${btp.landscapeDomain}/${btp.subaccountId}`;
  const pair = createKeyPair(UNCERTAIN.trustCertificateSubject(cn), TRUST_VALID_DAYS, ctx.now());
  btp.trust[slot] = pair;
  return pair;
}

/** Swaps active and passive (sap-apis.md A.5 rotate); answers null when there is no passive key pair. */
export function rotateTrustKeyPairs(ctx: SandboxContext): { active: KeyPairWithCertificate; passive: KeyPairWithCertificate | null } | null {
  const trust = ctx.state.btp.trust;
  if (!trust.passive) return null;
  const previousActive = trust.active;
  trust.active = trust.passive;
  trust.passive = previousActive;
  return { active: trust.active, passive: trust.passive };
}

/**
 * The trust certificate API under /saml2Metadata (sap-apis.md A.5, NOTES.md §1 TrustCertificateOnSubaccountLevelApi).
 * Statuses from [SPEC] via sap-field-facts.md (A.42–A.44): POST …/certificate and …/certificate/passive → 200;
 * DELETE …/certificate/passive → 200; rotate without a passive certificate → 404 "Passive Keypair … does not exist".
 */
export function createTrustCertificateRouter(ctx: SandboxContext): Router {
  const router = Router();
  const trust = () => ctx.state.btp.trust;
  const missing = { ErrorMessage: UNCERTAIN.trustCertificateMissingMessage };

  for (const slot of ['active', 'passive'] as const) {
    const path = slot === 'active' ? '/saml2Metadata/certificate' : '/saml2Metadata/certificate/passive';
    router.get(path, (_req, res) => {
      const pair = trust()[slot];
      if (!pair) return void res.status(404).json(missing);
      res.json({ certificate: pair.certificatePem });
    });
    router.post(path, (_req, res) => {
      const pair = generateTrustKeyPair(ctx, slot);
      res.status(200).json({ certificate: pair.certificatePem });
    });
  }

  router.delete('/saml2Metadata/certificate/passive', (_req, res) => {
    if (!trust().passive) return void res.status(404).json(missing);
    trust().passive = null;
    res.status(200).end();
  });

  router.post('/saml2Metadata/rotateCertificate', (_req, res) => {
    const rotated = rotateTrustKeyPairs(ctx);
    if (!rotated) {
      res.status(404).json({ ErrorMessage: UNCERTAIN.trustRotateWithoutPassiveMessage(ctx.state.btp.subaccountId) });
      return;
    }
    res.json({ activeCertificate: rotated.active.certificatePem, passiveCertificate: rotated.passive?.certificatePem ?? null });
  });

  return router;
}
