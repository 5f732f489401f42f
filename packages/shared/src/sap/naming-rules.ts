/**
 * Names the admin types into SAP, and the rules SAP applies to them.
 *
 * Sources: ../shared/reference/sap-apis.md. Only two limits there are primary:
 * - destination Name ≤ 64 characters for Task Center (sap-apis.md B.2, SAP-docs/btp-task-center 0aff1b4);
 * - communication user passwords: ≥ 20 characters with at least one special character
 *   (SAP-docs/btp-cloud-platform docs/50-administration-and-ops/how-to-create-communication-users-0377ade.md).
 *
 * UNCERTAIN — no SAP source states length or character rules for the System ID, the communication user name
 * or the arrangement name (searched SAP-docs/btp-cloud-platform how-to-create-communication-systems-c2234ac.md and
 * -users-0377ade.md: "define an ID and a name", "Enter a valid user name"). The rules below are deliberately
 * conservative: every SAP example uses upper-case letters, digits and underscores, so a name that passes here is
 * accepted by SAP. Change them here, and only here, when a live tenant settles them.
 */
export const SAP_NAMING_RULES = {
  systemId: {
    pattern: /^[A-Z][A-Z0-9_-]*$/,
    maxLength: 60,
    hint: 'Use upper-case letters A–Z, digits, "_" or "-", starting with a letter (for example TASKCENTER).',
  },
  systemName: { maxLength: 80 },
  /** ABAP user aliases are CHAR 40; the communication user name is such an alias (INFERRED). */
  communicationUserName: {
    pattern: /^[A-Z][A-Z0-9_-]*$/,
    maxLength: 40,
    hint: 'Use upper-case letters A–Z, digits, "_" or "-", starting with a letter (for example TASKCENTER_USER).',
  },
  communicationUserDescription: { maxLength: 80 },
  arrangementName: {
    pattern: /^[A-Z][A-Z0-9_-]*$/,
    maxLength: 80,
    hint: 'Use upper-case letters A–Z, digits, "_" or "-", starting with a letter (for example SAP_COM_0501_TASKCENTER).',
  },
  destinationName: {
    /** BTP's own character rule was not found; letters, digits, "_" and "-" are what every SAP sample uses. */
    pattern: /^[A-Za-z0-9_-]+$/,
    maxLength: 64,
    hint: 'Use letters, digits, "_" or "-" (for example S4HANACloud).',
  },
  communicationUserPassword: {
    minLength: 20,
    /** The destination's tokenServicePassword must not contain a comma (SAP Identity Provisioning docs, loio 40940b82). */
    forbidden: /,/,
    special: /[^A-Za-z0-9]/,
  },
  /** The SAP client is a three-digit number (URL.queries.sap-client, e.g. 100). */
  client: { pattern: /^\d{3}$/ },
} as const;
