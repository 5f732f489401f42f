import type { ValueKey } from '../catalogue/values.js';

/**
 * The Task Center destination to S/4HANA Cloud public edition, property by property
 * (sap-apis.md B.2; SAP-docs/btp-task-center connect-sap-s-4hana-cloud-public-edition-and-sap-task-center-0aff1b4.md).
 * Keys are the JSON keys of the Destination service; the cockpit shows the same names.
 */
export interface DestinationPropertyDefinition {
  key: string;
  /** Where the value comes from: a fixed value, or a value of the connection. */
  source: { fixed: string } | { value: ValueKey } | { secret: 'communicationUserPassword' };
  /** Additional properties are entered under "Additional Properties" in the cockpit. */
  additional: boolean;
}

export const TASK_CENTER_DESTINATION: readonly DestinationPropertyDefinition[] = [
  { key: 'Name', source: { value: 'destinationName' }, additional: false },
  { key: 'Type', source: { fixed: 'HTTP' }, additional: false },
  { key: 'URL', source: { value: 'destinationUrl' }, additional: false },
  { key: 'ProxyType', source: { fixed: 'Internet' }, additional: false },
  { key: 'Authentication', source: { fixed: 'OAuth2SAMLBearerAssertion' }, additional: false },
  { key: 'audience', source: { value: 'samlAudience' }, additional: false },
  { key: 'authnContextClassRef', source: { fixed: 'urn:oasis:names:tc:SAML:2.0:ac:classes:X509' }, additional: false },
  { key: 'clientKey', source: { value: 'clientId' }, additional: false },
  { key: 'tokenServiceURLType', source: { fixed: 'Dedicated' }, additional: false },
  { key: 'tokenServiceURL', source: { value: 'tokenServiceUrl' }, additional: false },
  { key: 'tokenServiceUser', source: { value: 'communicationUserName' }, additional: false },
  { key: 'tokenServicePassword', source: { secret: 'communicationUserPassword' }, additional: false },
  // Lower-case "tc." (SAP-samples UpdateS4CDestination.md); without tc.enabled=true Task Center ignores the destination.
  { key: 'tc.enabled', source: { fixed: 'true' }, additional: true },
  { key: 'tc.provider_type', source: { fixed: 'S/4HANACloud' }, additional: true },
  { key: 'userIdSource', source: { fixed: 'user_uuid' }, additional: true },
  { key: 'URL.queries.sap-client', source: { value: 's4Client' }, additional: true },
];

export interface DestinationProperty {
  key: string;
  /** null while the value is not known yet (its step is not done), or for the secret. */
  value: string | null;
  additional: boolean;
  /** The value the admin must supply in the cockpit; never known to this app in guided setup. */
  secret: boolean;
  from: ValueKey | null;
}

export function taskCenterDestination(values: Partial<Record<ValueKey, string>>): DestinationProperty[] {
  return TASK_CENTER_DESTINATION.map(({ key, source, additional }) => {
    if ('fixed' in source) return { key, value: source.fixed, additional, secret: false, from: null };
    if ('secret' in source) return { key, value: null, additional, secret: true, from: null };
    return { key, value: values[source.value] ?? null, additional, secret: false, from: source.value };
  });
}
