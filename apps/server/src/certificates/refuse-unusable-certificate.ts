import { ERROR_CODES, parseTrustCn, type ErrorCode } from '@tcc/shared';
import { UnprocessableError } from '../http/errors.js';
import type { CertificateFacts, ConnectionIdentity } from './analyze-certificate.js';

/** A certificate renewed in BTP a moment ago must not be refused because the two clocks differ by seconds. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

interface Problem {
  code: ErrorCode;
  message: string;
}

export function problemsOf(facts: Pick<CertificateFacts, 'cn' | 'notBefore' | 'notAfter'>, connection: ConnectionIdentity, now: Date): Problem[] {
  const problems: Problem[] = [];
  const owner = parseTrustCn(facts.cn)?.subaccountId;
  if (owner && owner !== connection.subaccountId.toLowerCase()) {
    problems.push({
      code: ERROR_CODES.certificateOtherSubaccount,
      message: `This is the trust certificate of subaccount ${owner} (CN ${facts.cn}), but this connection is for subaccount ${connection.subaccountId}: S/4HANA would then trust the other subaccount.`,
    });
  }
  if (Date.parse(facts.notAfter) <= now.getTime()) {
    problems.push({ code: ERROR_CODES.certificateExpired, message: `The certificate expired on ${facts.notAfter.slice(0, 10)}.` });
  }
  if (Date.parse(facts.notBefore) > now.getTime() + CLOCK_SKEW_MS) {
    problems.push({
      code: ERROR_CODES.certificateNotYetValid,
      message: `The certificate is valid only from ${facts.notBefore.slice(0, 16).replace('T', ' ')} UTC, so it is not the one the subaccount signs with now.`,
    });
  }
  return problems;
}

/**
 * Step 1 takes only a certificate S/4HANA can trust for this connection: this subaccount's, valid now. Anything else
 * is refused before the store is touched, so step 1 and the certificate saved before stay as they were. The CN's
 * landscape and form stay warnings (certificateWarnings): SAP's own example CN has a domain that is not a Cloud
 * Foundry landscape (sap-apis.md A.6), so a differing domain alone does not prove a wrong certificate.
 */
export function refuseUnusableCertificate(facts: Pick<CertificateFacts, 'cn' | 'notBefore' | 'notAfter'>, connection: ConnectionIdentity, now: Date): void {
  const problems = problemsOf(facts, connection, now);
  if (problems.length === 0) return;
  throw new UnprocessableError(
    problems[0]!.code,
    `${problems.map((p) => p.message).join(' ')} Download the current trust certificate from the BTP cockpit of subaccount ${connection.subaccountId} ` +
      '(Connectivity > Destinations, newer cockpits Destination Trust; choose Download Trust, after renewing the trust there if it has expired) and upload that file. ' +
      'Nothing was saved: step 1 and the certificate uploaded before are unchanged.',
  );
}
