import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { DEFAULT_SAP_HOST_PATTERNS, hostMatchesPattern, patternProblem } from './host-patterns.js';
import { OutboundRefusedError, type OutboundRefusalCode } from './outbound-errors.js';

/**
 * Pure checks of the outbound-call guard: which URLs the server may call on a user's behalf, and which resolved
 * addresses it may connect to. No I/O here; guarded-fetch.ts does the resolving and connecting.
 */

export { DEFAULT_SAP_HOST_PATTERNS, hostMatchesPattern } from './host-patterns.js';

export const DEFAULT_MAX_REDIRECTS = 3;

export interface OutboundPolicy {
  /** Host patterns (host-patterns.ts): `*.example.com` (one or more labels first), `{name}.example.com` (one label), or a host name. */
  allowedHostPatterns: string[];
  /**
   * Sandbox on: SAP host name → loopback base URL serving it, e.g.
   * { 'my900001-api.s4hana.ondemand.com': 'http://127.0.0.1:4004' }. Sandbox off: {} — then those names are ordinary
   * names, resolved through DNS like any other.
   */
  sandboxHosts: Record<string, string>;
  /** Redirects followed per call; each one is checked again and must stay on the same host. */
  maxRedirects: number;
  /** Path prefixes a sandbox host may be called on (decoded, lower case); absent: any path. */
  sandboxPaths?: string[];
}

/** The policy for this product: SAP's domains, plus the sandbox's hosts while the sandbox is on. */
export function sapOutboundPolicy(sandboxHosts: Record<string, string> = {}, sandboxPaths?: string[]): OutboundPolicy {
  return validatePolicy({ allowedHostPatterns: [...DEFAULT_SAP_HOST_PATTERNS], sandboxHosts, maxRedirects: DEFAULT_MAX_REDIRECTS, ...(sandboxPaths ? { sandboxPaths } : {}) });
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const LOCALHOST_HINT = 'Names like "localhost" point at the machine the server runs on, never at an SAP system.';
const METADATA = 'a cloud provider\'s instance metadata service, which hands out the machine\'s credentials';
const METADATA_HINT = `This is ${METADATA}.`;

function refuse(code: OutboundRefusalCode, message: string): never {
  throw new OutboundRefusedError(code, message);
}

/**
 * Checks a URL before any connection and returns it normalised (lower-case host, trailing dot removed).
 * Throws OutboundRefusedError with what is wrong and what to do.
 *
 * Why the raw text is inspected before `new URL()`: the WHATWG parser "repairs" hostile input silently — it turns
 * 0177.0.0.1, 2130706433 and 127.1 into 127.0.0.1, fullwidth dots into dots, Cyrillic letters into xn-- labels and
 * %6c into "l" — so the evidence of a trick is only in the original string.
 */
export function checkUrl(url: string, policy: OutboundPolicy): URL {
  if (typeof url !== 'string' || url.length === 0) refuse('MALFORMED_URL', 'The URL is empty. Enter the full https:// address of the SAP system.');
  if (url.length > 8192) refuse('MALFORMED_URL', 'The URL is longer than 8192 characters; no SAP endpoint the product calls needs that.');
  // The parser drops tabs and line breaks anywhere and spaces at the ends: what it parses would differ from what was checked.
  if (/[\u0000-\u0020\u007f]/.test(url)) {
    refuse('MALFORMED_URL', 'The URL contains spaces, tabs, line breaks or control characters. Copy the URL again without them.');
  }

  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  if (!scheme) refuse('MALFORMED_URL', 'The URL has no scheme. Enter the full address starting with https://.');
  if (scheme[1]!.toLowerCase() !== 'https') {
    refuse('NOT_HTTPS', `The URL uses "${scheme[1]!.toLowerCase()}:". SAP systems are called over https:// only, so credentials and tokens are never sent unencrypted. Change the URL to start with https://.`);
  }

  const rawHost = rawAuthorityHost(url.slice(scheme[0].length));
  if (rawHost.userinfo) {
    refuse('USERINFO', 'The URL contains a user name or password before "@" in the host part. Remove it: the product never sends credentials in the URL, and text before "@" can disguise the real host.');
  }
  if (rawHost.host.startsWith('[')) {
    refuse('IP_LITERAL', `"${rawHost.host}" is an IPv6 address. SAP systems are called by their host name (for example my123456-api.s4hana.ondemand.com), never by IP address.`);
  }
  if (/[^\x21-\x7e]/.test(rawHost.host)) {
    refuse('NOT_ASCII_HOST', `The host "${rawHost.host}" contains characters outside plain ASCII (for example a Cyrillic letter or a fullwidth dot that looks like a Latin one). SAP host names use only the letters a–z, digits, hyphens and dots: type the host name again by hand.`);
  }
  if (rawHost.host.includes('%')) {
    refuse('NOT_ASCII_HOST', `The host "${rawHost.host}" is percent-encoded. SAP host names never are: enter the host name in plain letters.`);
  }
  if (looksNumeric(rawHost.host)) {
    refuse('IP_LITERAL', `"${rawHost.host}" is an IP address (in one of its decimal, octal or hexadecimal forms). SAP systems are called by their host name (for example my123456-api.s4hana.ondemand.com), never by IP address.`);
  }

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('MALFORMED_URL', `"${rawHost.host}" does not form a valid URL. Check the address for typos.`);
  }
  if (parsed.protocol !== 'https:') refuse('NOT_HTTPS', 'SAP systems are called over https:// only. Change the URL to start with https://.');
  if (parsed.username !== '' || parsed.password !== '') {
    refuse('USERINFO', 'The URL contains a user name or password. Remove it: the product never sends credentials in the URL.');
  }
  if (parsed.hostname.startsWith('[') || net.isIP(parsed.hostname) !== 0) {
    refuse('IP_LITERAL', `"${parsed.hostname}" is an IP address. SAP systems are called by their host name, never by IP address.`);
  }

  const host = normaliseHostName(parsed.hostname);
  if (!isAllowedHost(host, policy)) {
    const hint = /[?#\\]/.test(url) && url.includes('@')
      ? ` Text after "?", "#" or "\\" is not part of the host: this URL goes to "${host}".`
      : '';
    refuse('HOST_NOT_ALLOWED', `"${host}" is not an SAP host the product may call.${hint} ${specialNameHint(host)}Allowed are hosts of the shapes ${policy.allowedHostPatterns.join(', ')} ("*" is one or more labels, "{…}" one label)${Object.keys(policy.sandboxHosts).length > 0 ? ' and the sandbox\'s hosts' : ''}. Check the host entered for the connection.`.replace(/\s+/g, ' ').trim());
  }
  if (parsed.port !== '') {
    refuse('PORT_NOT_ALLOWED', `The URL names port ${parsed.port} for "${host}". SAP S/4HANA Cloud and BTP answer on the standard HTTPS port 443 only; another port means a mistyped or foreign address. Remove ":${parsed.port}" from the URL.`);
  }
  parsed.hostname = host;
  return parsed;
}

/** Lower-case, one trailing dot removed, every label plain LDH ASCII and no xn-- (punycode) label. */
function normaliseHostName(hostname: string): string {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.length === 0 || host.length > 253) refuse('NOT_ASCII_HOST', `"${hostname}" is not a valid host name.`);
  for (const label of host.split('.')) {
    if (label === '') refuse('NOT_ASCII_HOST', `"${hostname}" has an empty part between dots. Check the host name for a doubled dot.`);
    // Labels like xn--… are punycode: the ASCII disguise of a Unicode name, e.g. "mу123456" with a Cyrillic "у".
    if (label.slice(2, 4) === '--') {
      refuse('NOT_ASCII_HOST', `"${hostname}" contains the encoded international label "${label}", which can disguise look-alike letters (for example a Cyrillic "ѕ" in "s4hana"). SAP host names contain none: type the host name again by hand.`);
    }
    if (!LABEL.test(label)) {
      refuse('NOT_ASCII_HOST', `"${hostname}" contains "${label}", which is not made only of the letters a–z, digits and inner hyphens. Check the host name.`);
    }
  }
  return host;
}

function isAllowedHost(host: string, policy: OutboundPolicy): boolean {
  if (sandboxBaseFor(policy, host) !== undefined) return true;
  return policy.allowedHostPatterns.some((pattern) => hostMatchesPattern(host, pattern));
}

/** The loopback base URL that serves `host` while the sandbox is on; undefined when off or not a sandbox host. */
export function sandboxBaseFor(policy: OutboundPolicy, host: string): string | undefined {
  const wanted = host.toLowerCase().replace(/\.$/, '');
  for (const [name, base] of Object.entries(policy.sandboxHosts)) {
    if (name.toLowerCase().replace(/\.$/, '') === wanted) return base;
  }
  return undefined;
}

function specialNameHint(host: string): string {
  if (host === 'localhost' || host.endsWith('.localhost')) return `${LOCALHOST_HINT} `;
  if (host === 'metadata.google.internal' || host === 'metadata') return `${METADATA_HINT} `;
  if (/\.(internal|local|lan|home|corp|intranet)$/.test(host)) return 'This is a name of a local or company-internal network. ';
  // Apps any BTP customer deploys live here too (<app>.cfapps.<region>.hana.ondemand.com): only SAP's own endpoints pass.
  if (/\.(hana\.ondemand\.com|platform\.sapcloud\.cn)$/.test(host)) {
    return 'Of the SAP BTP hosts only a subaccount\'s XSUAA (<subdomain>.authentication.<region>…) and the Destination service (destination-configuration.cfapps.<region>…) are called, never an application deployed on BTP. ';
  }
  return '';
}

/** Splits what the WHATWG parser will treat as the authority: after "scheme:", any "/" or "\", up to "/", "\", "?" or "#". */
function rawAuthorityHost(afterScheme: string): { userinfo: boolean; host: string } {
  const authority = afterScheme.replace(/^[/\\]*/, '').split(/[/\\?#]/, 1)[0]!;
  const at = authority.lastIndexOf('@');
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  const host = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1 || undefined) : hostPort.split(':', 1)[0]!;
  return { userinfo: at >= 0, host };
}

/**
 * The WHATWG rule: a host whose last label (ignoring one trailing dot) is a number — decimal, 0-octal or 0x-hex —
 * is an IPv4 address, e.g. 2130706433, 0177.0.0.1, 0x7f.1, 127.1. Such a host is refused even where the parser would
 * reject it anyway (1.2.3.999), so the admin reads "IP address" rather than "invalid URL".
 */
function looksNumeric(host: string): boolean {
  const labels = host.replace(/\.$/, '').split('.');
  const last = labels[labels.length - 1] ?? '';
  return /^(?:\d+|0x[0-9a-f]*)$/i.test(last);
}

/**
 * Refuses every resolved address an SAP cloud host cannot have: loopback, private (RFC 1918, fc00::/7), CGNAT,
 * link-local, cloud metadata, unspecified, broadcast, multicast, documentation/reserved ranges, and IPv6 forms that
 * carry an IPv4 address inside (mapped, NAT64, 6to4, Teredo) — those could reach an internal IPv4 host.
 * `host` only makes the message clearer.
 */
export function checkResolvedAddress(address: string, host?: string): void {
  const name = host ? `"${host}" resolves to ${address}, which` : `${address}`;
  const advice = 'SAP cloud hosts resolve to public addresses only. If this name resolves to an internal address in the server\'s network, fix the DNS there or use the SAP host name from the SAP cockpit.';
  const blocked = (what: string): never => refuse('PRIVATE_ADDRESS', `${name} is ${what}. ${advice}`);

  if (address.includes('%')) blocked('a link-local address with a network interface (zone) attached');
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) ip = ipaddr.IPv4.parse(address);
  else if (ipaddr.IPv6.isValid(address)) ip = ipaddr.IPv6.parse(address);
  else return blocked('not a plain IP address, so it cannot be shown to be public');

  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) {
      checkResolvedAddress(v6.toIPv4Address().toString(), host);
      return;
    }
    if (v6.toNormalizedString() === 'fd00:ec2:0:0:0:0:0:254') blocked(`the AWS instance metadata address (fd00:ec2::254): ${METADATA}`);
    const range = v6.range();
    if (range !== 'unicast') blocked(IPV6_REASONS[range] ?? `in the special-purpose IPv6 range "${range}"`);
    // Global unicast is 2000::/3; everything outside it that ipaddr.js calls "unicast" is unassigned or deprecated.
    if (!v6.match(ipaddr.IPv6.parse('2000::'), 3)) blocked('outside the public IPv6 range 2000::/3');
    return;
  }

  const v4 = ip as ipaddr.IPv4;
  if (v4.toString() === '169.254.169.254') blocked(`the cloud metadata address 169.254.169.254: ${METADATA}`);
  const range = v4.range();
  if (range !== 'unicast') blocked(IPV4_REASONS[range] ?? `in the special-purpose IPv4 range "${range}"`);
}

const IPV4_REASONS: Record<string, string> = {
  loopback: 'a loopback address (127.0.0.0/8: the machine the server runs on)',
  private: 'a private network address (10/8, 172.16/12 or 192.168/16)',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10), not reachable on the internet',
  linkLocal: 'a link-local address (169.254.0.0/16)',
  unspecified: 'the unspecified address range 0.0.0.0/8',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  reserved: 'a reserved or documentation address',
};

const IPV6_REASONS: Record<string, string> = {
  loopback: 'the IPv6 loopback address ::1 (the machine the server runs on)',
  unspecified: 'the unspecified IPv6 address ::',
  uniqueLocal: 'a private IPv6 address (fc00::/7)',
  linkLocal: 'a link-local IPv6 address (fe80::/10)',
  multicast: 'an IPv6 multicast address',
  rfc6052: 'a NAT64 address (64:ff9b::/96) that carries an IPv4 address inside',
  rfc6145: 'an IPv4-translated address that carries an IPv4 address inside',
  '6to4': 'a 6to4 address (2002::/16) that carries an IPv4 address inside',
  teredo: 'a Teredo tunnel address (2001::/32)',
  reserved: 'a reserved or documentation IPv6 address',
};

/**
 * Catches a wrong policy at start rather than at the first call: patterns and sandbox names must be plain host names,
 * and each sandbox base must be plain http on a loopback IP (the sandbox runs beside the server, nowhere else).
 */
export function validatePolicy(policy: OutboundPolicy): OutboundPolicy {
  const problems: string[] = [];
  for (const pattern of policy.allowedHostPatterns) {
    const problem = patternProblem(pattern);
    if (problem) problems.push(problem);
  }
  const sandboxHosts: Record<string, string> = {};
  for (const [host, base] of Object.entries(policy.sandboxHosts)) {
    const name = host.toLowerCase().replace(/\.$/, '');
    if (!name.split('.').every((label) => LABEL.test(label))) problems.push(`sandbox host "${host}" is not a plain host name`);
    let target: URL | undefined;
    try {
      target = new URL(base);
    } catch {
      problems.push(`sandbox base "${base}" for ${host} is not a URL`);
    }
    if (target) {
      const ip = target.hostname.replace(/^\[|\]$/g, '');
      const loopback = net.isIP(ip) !== 0 && ipaddr.parse(ip).range() === 'loopback';
      if (target.protocol !== 'http:' || !loopback || target.username || target.password || target.search || target.hash) {
        problems.push(`sandbox base "${base}" for ${host} must be http:// on a loopback IP address, e.g. http://127.0.0.1:4004`);
      }
    }
    sandboxHosts[name] = base;
  }
  if (!Number.isInteger(policy.maxRedirects) || policy.maxRedirects < 0 || policy.maxRedirects > 10) problems.push('maxRedirects must be an integer from 0 to 10');
  if (problems.length > 0) throw new Error(`Invalid outbound policy: ${problems.join('; ')}.`);
  return { allowedHostPatterns: [...policy.allowedHostPatterns], sandboxHosts, maxRedirects: policy.maxRedirects, ...(policy.sandboxPaths ? { sandboxPaths: [...policy.sandboxPaths] } : {}) };
}
