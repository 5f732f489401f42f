import { S4_DOMAINS, type ConnectionValues, type EnteredValueKey, type FieldCheck } from '@tcc/shared';
import { describeDifference } from './compare-values.js';
import type { StepHandler } from './step-handler.js';

interface Rule {
  field: EnteredValueKey;
  label: string;
  expected: (values: ConnectionValues) => string | undefined;
  /** Only URL and audience are certain; the Client ID shape is UNCERTAIN (sap-apis.md C), so it only warns. */
  blocking: boolean;
}

const RULES: readonly Rule[] = [
  { field: 'tokenServiceUrl', label: 'Token Service URL', expected: (v) => v.expectedTokenServiceUrl, blocking: true },
  { field: 'samlAudience', label: 'SAML2 Audience', expected: (v) => v.expectedSamlAudience, blocking: true },
  // [SAP-doc] configuration-tasks-6e5e004.md: the Client Key is the name of the communication user.
  { field: 'clientId', label: 'Client ID', expected: (v) => v.communicationUserName, blocking: false },
];

function sameTenantOtherDomain(expected: string, actual: string): boolean {
  return S4_DOMAINS.some((from) => S4_DOMAINS.some((to) => from !== to && expected.replace(from, to) === actual));
}

/** Step 19: what the admin pastes from OAuth 2.0 Details, field by field against what this S/4HANA system must show. */
export const oauthDetailsStep: StepHandler = {
  check({ values }) {
    return RULES.flatMap(({ field, label, expected: expectedOf, blocking }): FieldCheck[] => {
      const actual = values[field];
      const expected = expectedOf(values);
      if (actual === undefined || actual === '' || expected === undefined) return [];
      const ok = actual === expected;
      // sap-apis.md C: "read the value, don't build it" — the same tenant under the other S/4 domain is SAP's word.
      const otherDomain = !ok && sameTenantOtherDomain(expected, actual);
      const message = ok
        ? `${label} matches.`
        : field === 'clientId'
          ? `The Client ID usually equals the communication user name ${expected} from step 3. Check that the arrangement uses that user.`
          : otherDomain
            ? `${label} uses the other S/4HANA Cloud domain than the host entered for this connection; accepted as S/4HANA shows it.`
            : describeDifference(label, expected, actual);
      return [{ field, expected, actual, ok, blocking: blocking && !ok && !otherDomain, message }];
    });
  },
};
