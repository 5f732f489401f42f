import { S4_DOMAINS, type ConnectionValues, type EnteredValueKey, type FieldCheck } from '@tcc/shared';
import { describeDifference } from './compare-values.js';
import type { HeldClientId, StepHandler } from './step-handler.js';

interface Rule {
  field: EnteredValueKey;
  label: string;
  expected: (values: ConnectionValues) => string | undefined;
}

/** Both follow from the S/4 host for certain (sap-apis.md C), so a mismatch always blocks. */
const HOST_RULES: readonly Rule[] = [
  { field: 'tokenServiceUrl', label: 'Token Service URL', expected: (v) => v.expectedTokenServiceUrl },
  { field: 'samlAudience', label: 'SAML2 Audience', expected: (v) => v.expectedSamlAudience },
];

function sameTenantOtherDomain(expected: string, actual: string): boolean {
  return S4_DOMAINS.some((from) => S4_DOMAINS.some((to) => from !== to && expected.replace(from, to) === actual));
}

function hostChecks(values: ConnectionValues): FieldCheck[] {
  return HOST_RULES.flatMap(({ field, label, expected: expectedOf }): FieldCheck[] => {
    const actual = values[field];
    const expected = expectedOf(values);
    if (actual === undefined || actual === '' || expected === undefined) return [];
    const ok = actual === expected;
    // sap-apis.md C: "read the value, don't build it" — the same tenant under the other S/4 domain is SAP's word.
    const otherDomain = !ok && sameTenantOtherDomain(expected, actual);
    const message = ok
      ? `${label} matches.`
      : otherDomain
        ? `${label} uses the other S/4HANA Cloud domain than the host entered for this connection; accepted as S/4HANA shows it.`
        : describeDifference(label, expected, actual);
    return [{ field, expected, actual, ok, blocking: !ok && !otherDomain, message }];
  });
}

const DERIVED = 'the communication user name from step 3';

function clientIdMessage(expected: string, actual: string, ok: boolean, held: HeldClientId | undefined): string {
  if (held?.source === 's4') {
    const where = `the inbound user of the SAP_COM_0501 arrangement ${held.arrangement}`;
    return ok
      ? `Client ID matches what S/4HANA holds for ${where}.`
      : `Client ID: S/4HANA holds ${expected} for ${where}, but ${actual} was entered. ${describeDifference('The Client ID', expected, actual)}`;
  }
  if (held) {
    const basis = `compared with the derived value ${expected} (${DERIVED}), not with S/4HANA: ${held.why.replace(/\.$/, '')}.`;
    return ok ? `Client ID matches; ${basis}` : `Client ID: ${actual} was entered; ${basis} ${describeDifference('The Client ID', expected, actual)}`;
  }
  // A page view reads nothing from SAP: "done" compares with S/4 (API-made clients carry an internal CC… ID, sap-field-facts.md row 2).
  return ok
    ? `Client ID matches the derived value (${DERIVED}); marking the step done compares it with what S/4HANA holds.`
    : `Client ID differs from the derived value ${expected} (${DERIVED}); marking the step done compares it with what S/4HANA holds.`;
}

/** The Client ID against what S/4 holds where it was read, else the user name ([SAP-doc] configuration-tasks-6e5e004.md). */
function clientIdChecks(values: ConnectionValues, held: HeldClientId | undefined): FieldCheck[] {
  const actual = values.clientId;
  const expected = held?.source === 's4' ? held.clientId : values.communicationUserName;
  if (actual === undefined || actual === '' || expected === undefined) return [];
  const ok = actual === expected;
  // Blocks "done" only (where held was looked up); a page view shows the derived comparison as a warning.
  return [{ field: 'clientId', expected, actual, ok, blocking: !ok && held !== undefined, message: clientIdMessage(expected, actual, ok, held) }];
}

/** Step 19: what the admin pastes from OAuth 2.0 Details, field by field against what this S/4HANA system must show. */
export const oauthDetailsStep: StepHandler = {
  readsHeldClientId: true,
  check({ values, heldClientId }) {
    return [...hostChecks(values), ...clientIdChecks(values, heldClientId)];
  },
};
