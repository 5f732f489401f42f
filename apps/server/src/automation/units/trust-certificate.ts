import { certificateFacts } from '../../certificates/analyze-certificate.js';
import { readCertificateFile } from '../../certificates/read-certificate-file.js';
import { problemsOf } from '../../certificates/refuse-unusable-certificate.js';
import type { AutomationUnit, Facts } from '../unit.js';

/**
 * What the setup needs of the trust certificate, read as the wizard reads an uploaded one (certificateFacts): the CN
 * for the SAML issuer, the DER for S/4, and subject/issuer on one line — the format S/4 stores them in is not
 * published, so they are written only where $metadata lets a client.
 */
export function trustFactsOf(pem: string): NonNullable<Facts['trust']> & { notBefore: string; notAfter: string } {
  const file = readCertificateFile(Buffer.from(pem));
  const { cn, subject, issuer, notBefore, notAfter } = certificateFacts(file);
  return { pem, cn, certificateBase64: file.certificate.raw.toString('base64'), subject, issuer, notBefore, notAfter };
}

/**
 * The same rule as an uploaded certificate at step 1 (refuse-unusable-certificate.ts): the certificate read through
 * the key must be this connection's subaccount's and valid now — else the key is another subaccount's (or the trust
 * lapsed), and S/4 would be set up to trust the wrong issuer. Nothing is written: the plan shows it as a problem.
 */
function refuseForeignTrust(trust: ReturnType<typeof trustFactsOf>, subaccountId: string, now: Date): void {
  const problems = problemsOf(trust, { subaccountId, landscapeDomain: '' }, now);
  if (problems.length === 0) return;
  throw new Error(
    `${problems.map((p) => p.message).join(' ')} The Destination service key decides which subaccount is read: paste the key of subaccount ${subaccountId} under Credentials` +
      `${problems.some((p) => p.code !== 'CERTIFICATE_OTHER_SUBACCOUNT') ? ', and renew the trust in its BTP cockpit (Destination Trust) if it has expired' : ''}.`,
  );
}

/** Step 1: the subaccount's active trust certificate, read through the Destination service (sap-apis.md A.5). */
export const trustCertificateUnit: AutomationUnit = {
  id: 'trustCertificate',
  system: 'btp',
  steps: [1],
  needs: {},
  gives: ['trust'],
  async plan(ctx) {
    await this.apply(ctx, { confirmChanges: false });
    return { action: 'read', object: 'trust certificate', summary: `Read the active trust certificate (CN ${ctx.facts.trust!.cn}).`, diff: [] };
  },
  async apply(ctx) {
    // Read once per request: the preflight reads it first, and the plan or run goes on with the same facts.
    if (ctx.facts.trust) return {};
    const trust = trustFactsOf(await ctx.btp.getTrustCertificate());
    refuseForeignTrust(trust, ctx.desired.subaccountId, new Date());
    const { notBefore: _from, notAfter: _until, ...facts } = trust;
    ctx.facts.trust = facts;
    return {};
  },
};
