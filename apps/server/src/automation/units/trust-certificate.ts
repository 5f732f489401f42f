import { X509Certificate } from 'node:crypto';
import type { AutomationUnit } from '../unit.js';

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
    const pem = await ctx.btp.getTrustCertificate();
    const certificate = new X509Certificate(pem);
    const cn = certificate.subject.split('\n').find((part) => part.startsWith('CN='))?.slice(3) ?? '';
    // Subject and issuer as RDNs joined with ", ": the format S/4 stores them in is not published (written only where $metadata lets a client).
    const dn = (text: string) => text.split('\n').filter(Boolean).join(', ');
    ctx.facts.trust = { pem, cn, certificateBase64: certificate.raw.toString('base64'), subject: dn(certificate.subject), issuer: dn(certificate.issuer) };
    return {};
  },
};
