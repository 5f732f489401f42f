/**
 * Which host names the outbound guard lets the server call, as readable patterns. A pattern is a host name whose
 * labels may be:
 * - `*` as the FIRST label only: one or more labels (`*.s4hana.ondemand.com` covers my123456.s4hana.ondemand.com);
 * - `{name}`: exactly one label, named for what it is (`{subdomain}`, `{region}`);
 * - anything else: that very label.
 * The last two labels are always literal, so no pattern can cover a whole top-level domain.
 */

/**
 * SAP's endpoints the product calls, and nothing else (each shape and its source: docs/sap-facts.md "Accepted SAP
 * endpoint host patterns"):
 * - S/4HANA Cloud public edition `myNNNNNN[-api].s4hana.ondemand.com`, newer tenants `….s4hana.cloud.sap`
 *   (sap-apis.md B.2 URL and C Token Service URL);
 * - a subaccount's XSUAA (the service key's `url`) and the Destination service (its `uri`), per landscape
 *   (SAP/cloud-sdk-python destination/spec/README.md "Service Binding"); the China landscapes under
 *   `platform.sapcloud.cn` in the same shapes (UNCERTAIN: no SAP source shows a China Destination service key).
 * Not `*.hana.ondemand.com`: that also covers every app a BTP customer deploys (`<app>.cfapps.<region>.hana.ondemand.com`).
 * Whether the region is the connection's own is checked when the service key is saved (packages/shared btp-hosts.ts).
 */
export const DEFAULT_SAP_HOST_PATTERNS: readonly string[] = Object.freeze([
  '*.s4hana.ondemand.com',
  '*.s4hana.cloud.sap',
  '{subdomain}.authentication.{region}.hana.ondemand.com',
  'destination-configuration.cfapps.{region}.hana.ondemand.com',
  '{subdomain}.authentication.{region}.platform.sapcloud.cn',
  'destination-configuration.cfapps.{region}.platform.sapcloud.cn',
]);

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PLACEHOLDER = /^\{[a-z]+\}$/;

/** Whether `host` (lower case, no trailing dot, plain labels) has the pattern's shape. */
export function hostMatchesPattern(host: string, pattern: string): boolean {
  const wanted = pattern.toLowerCase().replace(/\.$/, '').split('.');
  const labels = host.split('.');
  const anyPrefix = wanted[0] === '*';
  const fixed = anyPrefix ? wanted.slice(1) : wanted;
  if (anyPrefix ? labels.length <= fixed.length : labels.length !== fixed.length) return false;
  const tail = labels.slice(labels.length - fixed.length);
  return fixed.every((label, i) => (PLACEHOLDER.test(label) ? LABEL.test(tail[i]!) : label === tail[i]));
}

/** What is wrong with a pattern, or null when it is well formed (see the top of this file). */
export function patternProblem(pattern: string): string | null {
  const labels = pattern.toLowerCase().replace(/\.$/, '').split('.');
  const body = labels[0] === '*' ? labels.slice(1) : labels;
  const literalTail = body.slice(-2).every((label) => LABEL.test(label));
  const wellFormed = body.every((label) => LABEL.test(label) || PLACEHOLDER.test(label));
  if (body.length < 2 || !literalTail || !wellFormed) {
    return `host pattern "${pattern}" is not a host name whose labels are plain, "{name}" (one label) or a leading "*" (one or more labels), ending in two plain labels`;
  }
  return null;
}
