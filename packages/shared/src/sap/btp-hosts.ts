/**
 * The hosts a subaccount's Destination service key may name, for the connection's landscape domain (docs/sap-facts.md
 * "Accepted SAP endpoint host patterns"):
 * - `url` (XSUAA): `https://<subdomain>.authentication.<landscape domain>` — SAP/cloud-sdk-python
 *   src/sap_cloud_sdk/destination/spec/README.md "Service Binding"; SAP-docs identity-provisioning (token URL
 *   `https://<TENANT>.authentication.<REGION>.hana.ondemand.com/oauth/token`); specs/NOTES.md §4 (`iss`).
 * - `uri` (Destination service): `https://destination-configuration.cfapps.<landscape domain>` — the same README.
 * China (`cn40.platform.sapcloud.cn`): the same shapes, UNCERTAIN (no SAP source shows a China service key).
 * Paths after the host are left as SAP gives them.
 */

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A landscape under SAP's BTP domains, e.g. us10.hana.ondemand.com: named in a message only when it is one. */
const SAP_LANDSCAPE = /^[a-z0-9-]+\.(?:hana\.ondemand\.com|platform\.sapcloud\.cn)$/;

export const xsuaaHostShape = (landscapeDomain: string) => `<subdomain>.authentication.${landscapeDomain}`;
export const destinationServiceHost = (landscapeDomain: string) => `destination-configuration.cfapps.${landscapeDomain}`;

/**
 * The host exactly as written between "https://" and the first "/", "?", "#" or "\", lower case. Read from the raw
 * text, not from `new URL()`, which repairs percent-escapes, fullwidth dots and the like into a different host.
 */
function rawHost(url: string): string {
  return (/^https:\/\/([^/?#\\]*)/i.exec(url)?.[1] ?? '').toLowerCase();
}

function otherLandscape(host: string, prefix: RegExp, landscapeDomain: string): string | null {
  const rest = host.replace(prefix, '');
  return rest !== host && rest !== landscapeDomain && SAP_LANDSCAPE.test(rest) ? rest : null;
}

/**
 * What is wrong with the hosts of a service key's `url` and `uri` for a connection on `landscapeDomain`, one message
 * per field; empty when both are SAP's shapes for that landscape. Expects https URLs (DestinationServiceKeySchema).
 */
export function serviceKeyHostProblems(key: { url: string; uri: string }, landscapeDomain: string): { field: 'url' | 'uri'; message: string }[] {
  const domain = landscapeDomain.toLowerCase();
  const problems: { field: 'url' | 'uri'; message: string }[] = [];
  const check = (field: 'url' | 'uri', what: string, expected: string, fits: (host: string) => boolean, prefix: RegExp) => {
    const host = rawHost(key[field]);
    if (fits(host)) return;
    const shown = host.includes('@') ? 'a host with a user name or password before "@"' : `"${host}"`;
    const other = otherLandscape(host, prefix, domain);
    const why = other
      ? `It is on the landscape ${other}, but this connection is on ${domain}: paste the key of this connection’s subaccount (a subaccount on another landscape needs a connection of its own).`
      : 'Paste the key of this subaccount’s Destination service instance as the BTP cockpit shows it.';
    problems.push({ field, message: `The service key’s ${field} (${what}) must be https://${expected} for this connection’s landscape ${domain}; it names ${shown}. ${why}` });
  };
  check('url', 'XSUAA', xsuaaHostShape(domain), (host) => host.endsWith(`.authentication.${domain}`) && SUBDOMAIN.test(host.slice(0, -`.authentication.${domain}`.length)), /^[^.]+\.authentication\./);
  check('uri', 'Destination service', destinationServiceHost(domain), (host) => host === destinationServiceHost(domain), /^destination-configuration\.cfapps\./);
  return problems;
}
