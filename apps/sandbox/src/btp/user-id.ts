import { NAME_ID_FORMATS } from '../saml/build-assertion.js';
import type { Destination } from '../state.js';
import { UNCERTAIN } from '../uncertain.js';

/**
 * The propagated user ID of an OAuth2SAMLBearerAssertion destination, "Field in the JWT" level of SAP-docs
 * btp-connectivity user-propagation-via-saml-2-0-bearer-assertion-flow-3cb7b81.md (sap-field-facts.md A.34):
 * - `userIdSource` set: "plain string: the exact match is searched on the root-level element keys of the JWT";
 *   a JsonPath expression (`$.user_uuid`, `$.ext_attr.zdn`, `$['xs.user.attributes']['id'][0]`) "lets you use non-root-level
 *   elements". Not found → the next level (custom user attributes from XSUAA's user info, which needs the `user_attributes`
 *   scope no sandbox token has), so the lookup fails: "user ID could not be determined".
 * - `userIdSource` missing: `nameIdFormat` …:emailAddress → `email`; …:unspecified or unset → `user_name`; any other
 *   value → "an exception is thrown".
 */
export type UserIdResult = { ok: true; userId: string } | { ok: false; error: string };

type Step = string | number;

/**
 * The steps of a simple JsonPath (Jayway syntax, the one 3cb7b81 links): `$`, then `.name`, `['name']` / `["name"]`
 * (also SAP's own `.['name']` spelling), or `[index]`. Wildcards, filters and recursive descent are not supported: null.
 */
export function parseJsonPath(path: string): Step[] | null {
  if (!path.startsWith('$')) return null;
  const steps: Step[] = [];
  let i = 1;
  while (i < path.length) {
    if (path[i] === '.' && path[i + 1] === '[') i += 1; // `$.['a']` is written so in SAP's docs
    if (path[i] === '.') {
      const name = /^[^.[\]\s'"*]+/.exec(path.slice(i + 1))?.[0];
      if (!name) return null;
      steps.push(name);
      i += 1 + name.length;
    } else if (path[i] === '[') {
      const bracket = /^\[\s*(?:'([^']*)'|"([^"]*)"|(\d+))\s*\]/.exec(path.slice(i));
      if (!bracket) return null;
      steps.push(bracket[3] !== undefined ? Number(bracket[3]) : (bracket[1] ?? bracket[2])!);
      i += bracket[0].length;
    } else {
      return null;
    }
  }
  return steps;
}

function valueAt(claims: Record<string, unknown>, source: string): unknown {
  if (!source.startsWith('$')) return claims[source]; // plain string: a root-level key
  const steps = parseJsonPath(source);
  if (!steps) return undefined;
  let value: unknown = claims;
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    value = typeof step === 'number' ? (Array.isArray(value) ? value[step] : undefined) : (value as Record<string, unknown>)[step];
  }
  return value;
}

export function propagatedUserId(destination: Destination, claims: Record<string, unknown>): UserIdResult {
  let source = destination.userIdSource;
  if (source === undefined || source === '') {
    const format = destination.nameIdFormat;
    if (format === NAME_ID_FORMATS.emailAddress) source = 'email';
    else if (format === undefined || format === '' || format === NAME_ID_FORMATS.unspecified) source = 'user_name';
    else return { ok: false, error: UNCERTAIN.nameIdFormatInvalidMessage(format) };
  }
  const value = valueAt(claims, source);
  if ((typeof value === 'string' && value !== '') || typeof value === 'number') return { ok: true, userId: String(value) };
  return { ok: false, error: UNCERTAIN.userIdNotDeterminedMessage(source) };
}
