/*
 * Every value a connection's setup carries from one place to another, entered by the admin or derived.
 * Steps name these keys as their inputs, outputs and values to copy; the server computes the derived ones.
 */

/** The values the admin types in; the rest are derived and read-only. */
export const ENTERED_VALUE_KEYS = [
  // Typed by the admin in S/4HANA
  'communicationUserName',
  'communicationUserDescription',
  'systemId',
  'systemName',
  'arrangementName',
  // Read from the arrangement's OAuth 2.0 details (step 19)
  'clientId',
  'tokenServiceUrl',
  'samlAudience',
  // Typed by the admin in BTP
  'destinationName',
] as const;

export type EnteredValueKey = (typeof ENTERED_VALUE_KEYS)[number];

const DERIVED_VALUE_KEYS = [
  // From the connection itself
  'subaccountId',
  'landscapeDomain',
  's4Client',
  's4UiHost',
  's4ApiHost',
  // From the trust certificate (step 1)
  'trustCertificate',
  'certificateSubject',
  'samlIssuer',
  'certificateFingerprint',
  'certificateNotAfter',
  // Fixed by the procedure
  'userIdMappingMode',
  'communicationScenario',
  'authenticationMethod',
  // Computed from the host
  'expectedTokenServiceUrl',
  'expectedSamlAudience',
  'destinationUrl',
] as const;

export const VALUE_KEYS = [...DERIVED_VALUE_KEYS, ...ENTERED_VALUE_KEYS] as const;
export type ValueKey = (typeof VALUE_KEYS)[number];

/** Values fixed by the Task Center procedure (seed steps 9, 16, 18). */
export const FIXED_VALUES = {
  userIdMappingMode: 'User UUID',
  communicationScenario: 'SAP_COM_0501',
  authenticationMethod: 'OAuth 2.0',
} as const satisfies Partial<Record<ValueKey, string>>;

/** The Destination name SAP's booster and the Task Center docs use (sap-apis.md B.2). */
export const DEFAULT_DESTINATION_NAME = 'S4HANACloud';

/**
 * The names assisted setup uses where the admin entered none; the wizard offers the same ones, so the manual and the
 * assisted path end up with the same objects (each passes naming-rules.ts).
 */
export const SUGGESTED_NAMES = {
  communicationUserName: 'TASK_CENTER_USER',
  communicationUserDescription: 'SAP Task Center (created by Task Center Connect)',
  systemId: 'TASK_CENTER',
  systemName: 'SAP Task Center',
  arrangementName: 'SAP_COM_0501_TASK_CENTER',
  destinationName: DEFAULT_DESTINATION_NAME,
} as const satisfies Partial<Record<EnteredValueKey, string>>;
