import type { TrustCertificateInfo, TrustRotationStatus } from '@tcc/shared';
import type { TenantFacts } from '../automation/tenant-facts.js';
import { trustFactsOf } from '../automation/units/trust-certificate.js';
import { certificateFacts, daysToExpiry } from '../certificates/analyze-certificate.js';
import { readCertificateFile } from '../certificates/read-certificate-file.js';
import { sameCertificate } from '../certificates/same-certificate.js';
import type { BtpService } from '../sap/btp/index.js';
import type { CommunicationSystem, S4Service } from '../sap/s4hana/index.js';

/** What a rotation read of both systems found, with the adapters it used (absent where credentials are missing). */
export interface TrustReading extends TrustRotationStatus {
  btp: BtpService | null;
  s4: S4Service | null;
  system: CommunicationSystem | null;
  tenant: TenantFacts | null;
}

/** A trust certificate as the rotation panel shows it (PEM included: it is public, what the cockpit exports). */
export function certificateInfo(pem: string, now: Date): TrustCertificateInfo {
  const facts = certificateFacts(readCertificateFile(Buffer.from(pem)));
  return { cn: facts.cn, fingerprintSha256: facts.fingerprintSha256, notBefore: facts.notBefore, notAfter: facts.notAfter, daysToExpiry: daysToExpiry(facts.notAfter, now), pem: facts.pem };
}

/** Which of BTP's certificates S/4's signing-certificate field holds, in whatever form S/4 stores it (sameCertificate). */
export function s4HoldsOf(held: string | undefined, activePem: string, passivePem: string | null): TrustRotationStatus['s4Holds'] {
  if (!held?.trim()) return 'none';
  if (sameCertificate(held, trustFactsOf(activePem).certificateBase64)) return 'active';
  if (passivePem && sameCertificate(held, trustFactsOf(passivePem).certificateBase64)) return 'passive';
  return 'other';
}
