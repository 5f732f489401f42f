import { certificateFacts } from '../../certificates/analyze-certificate.js';
import { readCertificateFile } from '../../certificates/read-certificate-file.js';
import type { AutomationUnit, Facts } from '../unit.js';

/**
 * What the setup needs of the trust certificate, read as the wizard reads an uploaded one (certificateFacts): the CN
 * for the SAML issuer, the DER for S/4, and subject/issuer on one line — the format S/4 stores them in is not
 * published, so they are written only where $metadata lets a client.
 */
export function trustFactsOf(pem: string): NonNullable<Facts['trust']> {
  const file = readCertificateFile(Buffer.from(pem));
  const { cn, subject, issuer } = certificateFacts(file);
  return { pem, cn, certificateBase64: file.certificate.raw.toString('base64'), subject, issuer };
}

/** Step 1: the subaccount's active trust certificate, read through the Destination service (sap-apis.md A.5). */
export const trustCertificateUnit: AutomationUnit = {
  id: 'trustCertificate',
  system: 'btp',
  steps: [1],
  dependsOn: [],
  async plan(ctx) {
    await this.apply(ctx, { confirmChanges: false });
    return { action: 'read', object: 'trust certificate', summary: `Read the active trust certificate (CN ${ctx.facts.trust!.cn}).`, diff: [] };
  },
  async apply(ctx) {
    ctx.facts.trust = trustFactsOf(await ctx.btp.getTrustCertificate());
    return {};
  },
};
