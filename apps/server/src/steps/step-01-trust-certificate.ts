import type { StepHandler } from './step-handler.js';

/** Step 1 is done by uploading the certificate (PUT …/trust-certificate), which also marks it done. */
export const trustCertificateStep: StepHandler = {
  blockedBecause: ({ hasCertificate }) =>
    hasCertificate ? null : 'Upload the trust certificate downloaded from the BTP cockpit before marking step 1 done.',
};
