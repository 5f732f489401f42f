import { describe, expect, it } from 'vitest';
import { checkResolvedAddress, checkUrl, DEFAULT_SAP_HOST_PATTERNS, sapOutboundPolicy, validatePolicy, type OutboundPolicy } from './guard-policy.js';
import { OutboundRefusedError, type OutboundRefusalCode } from './outbound-errors.js';

const SANDBOX_HOST = 'my900001-api.s4hana.ondemand.com';
const policy: OutboundPolicy = sapOutboundPolicy();
const sandboxOn: OutboundPolicy = sapOutboundPolicy({ [SANDBOX_HOST]: 'http://127.0.0.1:4004', 'sandbox.test': 'http://127.0.0.1:4004' });

function refusal(run: () => unknown): OutboundRefusedError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OutboundRefusedError);
    return error as OutboundRefusedError;
  }
  throw new Error('expected a refusal, but the check passed');
}

// [what, url, code, a phrase the admin's message must contain]
const HOSTILE_URLS: [string, string, OutboundRefusalCode, RegExp][] = [
  // IP literals in every form the WHATWG parser accepts
  ['dotted decimal loopback', 'https://127.0.0.1/', 'IP_LITERAL', /127\.0\.0\.1.*IP address/],
  ['decimal integer', 'https://2130706433/', 'IP_LITERAL', /2130706433.*IP address/],
  ['octal dotted', 'https://0177.0.0.1/', 'IP_LITERAL', /octal/],
  ['hex dotted', 'https://0x7f.0.0.1/', 'IP_LITERAL', /hexadecimal/],
  ['hex integer', 'https://0x7f000001/', 'IP_LITERAL', /IP address/],
  ['octal integer', 'https://017700000001/', 'IP_LITERAL', /IP address/],
  ['short form', 'https://127.1/', 'IP_LITERAL', /127\.1/],
  ['mixed hex and decimal short form', 'https://0x7f.1/', 'IP_LITERAL', /IP address/],
  ['mixed octal, hex and decimal', 'https://0177.0x0.0.1/', 'IP_LITERAL', /IP address/],
  ['dotted IP with a trailing dot', 'https://127.0.0.1./', 'IP_LITERAL', /IP address/],
  ['private dotted IP', 'https://10.0.0.5/', 'IP_LITERAL', /host name/],
  ['metadata IP', 'https://169.254.169.254/latest/meta-data/', 'IP_LITERAL', /IP address/],
  ['out-of-range IP the parser would reject', 'https://1.2.3.999/', 'IP_LITERAL', /IP address/],
  ['IPv6 loopback', 'https://[::1]/', 'IP_LITERAL', /IPv6/],
  ['IPv6 unspecified', 'https://[::]/', 'IP_LITERAL', /IPv6/],
  ['IPv6 loopback in full', 'https://[0:0:0:0:0:0:0:1]/', 'IP_LITERAL', /IPv6/],
  ['IPv4-mapped IPv6', 'https://[::ffff:127.0.0.1]/', 'IP_LITERAL', /IPv6/],
  ['IPv4-mapped IPv6 in hex', 'https://[::ffff:7f00:1]/', 'IP_LITERAL', /IPv6/],
  ['IPv6 with a zone ID', 'https://[fe80::1%25eth0]/', 'IP_LITERAL', /IPv6/],
  ['AWS IPv6 metadata', 'https://[fd00:ec2::254]/', 'IP_LITERAL', /IPv6/],
  ['IPv6 with an SAP port', 'https://[::1]:443/', 'IP_LITERAL', /IPv6/],
  // Names of this machine and of metadata services
  ['localhost', 'https://localhost/', 'HOST_NOT_ALLOWED', /localhost.*machine the server runs on/],
  ['localhost with a trailing dot', 'https://localhost./', 'HOST_NOT_ALLOWED', /"localhost"/],
  ['LOCALHOST in capitals', 'https://LOCALHOST/', 'HOST_NOT_ALLOWED', /"localhost"/],
  ['a subdomain of localhost', 'https://foo.localhost/', 'HOST_NOT_ALLOWED', /machine the server runs on/],
  ['a wildcard-DNS name for loopback', 'https://127.0.0.1.nip.io/', 'HOST_NOT_ALLOWED', /not an SAP host/],
  ['GCP metadata name', 'https://metadata.google.internal/computeMetadata/v1/', 'HOST_NOT_ALLOWED', /metadata service/],
  ['GCP metadata name with a trailing dot', 'https://metadata.google.internal./', 'HOST_NOT_ALLOWED', /metadata service/],
  ['a company-internal name', 'https://sap.corp/', 'HOST_NOT_ALLOWED', /company-internal/],
  // User-info and parser-confusion tricks
  ['SAP host as user-info before the real host', 'https://my123456.s4hana.ondemand.com@evil.com/', 'USERINFO', /user name or password/],
  ['user and password before an SAP host', 'https://user:pass@my123456-api.s4hana.ondemand.com/', 'USERINFO', /Remove it/],
  ['empty user-info', 'https://:@my123456-api.s4hana.ondemand.com/', 'USERINFO', /"@"/],
  ['"@" after a fragment', 'https://evil.com#@my123456.s4hana.ondemand.com', 'HOST_NOT_ALLOWED', /this URL goes to "evil\.com"/],
  ['"@" after a backslash', 'https://evil.com\\@my123456.s4hana.ondemand.com', 'HOST_NOT_ALLOWED', /this URL goes to "evil\.com"/],
  ['"@" after a query mark', 'https://evil.com?@my123456.s4hana.ondemand.com', 'HOST_NOT_ALLOWED', /"evil\.com"/],
  ['percent-encoded "@" in the host', 'https://my123456-api.s4hana.ondemand.com%40evil.com/', 'NOT_ASCII_HOST', /percent-encoded/],
  ['percent-encoded letter in the host', 'https://my123456.s4hana.ondemand.c%6fm/', 'NOT_ASCII_HOST', /percent-encoded/],
  ['a tab inside the host', 'https://my123456-api.s4hana.ondemand.com\t.evil.com/', 'MALFORMED_URL', /tabs/],
  // Look-alike Unicode names
  ['Cyrillic "ѕ" in s4hana', 'https://my123456.\u04554hana.ondemand.com/', 'NOT_ASCII_HOST', /Cyrillic/],
  ['Cyrillic "о" in com', 'https://my123456-api.s4hana.ondemand.c\u043em/', 'NOT_ASCII_HOST', /outside plain ASCII/],
  ['fullwidth dots', 'https://my123456\uff0es4hana\uff0eondemand\uff0ecom/', 'NOT_ASCII_HOST', /fullwidth dot/],
  ['ideographic full stop', 'https://my123456\u3002s4hana.ondemand.com/', 'NOT_ASCII_HOST', /outside plain ASCII/],
  ['zero-width space', 'https://my123456\u200b.s4hana.ondemand.com/', 'NOT_ASCII_HOST', /outside plain ASCII/],
  ['punycode of the Cyrillic look-alike', 'https://my123456.xn--4hana-g2e.ondemand.com/', 'NOT_ASCII_HOST', /xn--4hana-g2e/],
  ['punycode tenant label under an SAP domain', 'https://xn--m123456-fkg.s4hana.ondemand.com/', 'NOT_ASCII_HOST', /encoded international label/],
  ['underscore in a label', 'https://my_123456.s4hana.ondemand.com/', 'NOT_ASCII_HOST', /letters a–z, digits/],
  ['doubled dot', 'https://my123456..s4hana.ondemand.com/', 'NOT_ASCII_HOST', /doubled dot/],
  // Suffix and prefix tricks
  ['SAP host as a subdomain of evil.com', 'https://my123456.s4hana.ondemand.com.evil.com/', 'HOST_NOT_ALLOWED', /"my123456\.s4hana\.ondemand\.com\.evil\.com"/],
  ['hyphen instead of a dot', 'https://evil-s4hana.ondemand.com/', 'HOST_NOT_ALLOWED', /\*\.s4hana\.ondemand\.com/],
  ['SAP domain under attacker.net', 'https://s4hana.ondemand.com.attacker.net/', 'HOST_NOT_ALLOWED', /not an SAP host/],
  ['the bare SAP domain', 'https://s4hana.ondemand.com/', 'HOST_NOT_ALLOWED', /not an SAP host/],
  ['missing dot before the domain', 'https://my123456s4hana.ondemand.com/', 'HOST_NOT_ALLOWED', /not an SAP host/],
  ['lookalike domain hana-ondemand.com', 'https://cfapps.eu10.hana-ondemand.com/', 'HOST_NOT_ALLOWED', /not an SAP host/],
  // Scheme
  ['plain http', 'http://my123456-api.s4hana.ondemand.com/', 'NOT_HTTPS', /https:\/\/ only/],
  ['HTTP in capitals', 'HTTP://my123456-api.s4hana.ondemand.com/', 'NOT_HTTPS', /"http:"/],
  ['ftp', 'ftp://my123456-api.s4hana.ondemand.com/', 'NOT_HTTPS', /"ftp:"/],
  ['javascript:', 'javascript:alert(1)', 'NOT_HTTPS', /https:\/\//],
  ['file:', 'file:///etc/passwd', 'NOT_HTTPS', /"file:"/],
  ['scheme-relative URL', '//my123456-api.s4hana.ondemand.com/', 'MALFORMED_URL', /no scheme/],
  ['sandbox host over http while the sandbox is off', `http://${SANDBOX_HOST}/`, 'NOT_HTTPS', /https:\/\//],
  // Ports
  ['port 8443 on an SAP host', 'https://my123456-api.s4hana.ondemand.com:8443/', 'PORT_NOT_ALLOWED', /port 8443.*443 only/],
  ['port 80 on an SAP host', 'https://my123456-api.s4hana.ondemand.com:80/', 'PORT_NOT_ALLOWED', /Remove ":80"/],
  ['port 22 on a BTP host', 'https://destination-configuration.cfapps.eu10.hana.ondemand.com:22/', 'PORT_NOT_ALLOWED', /port 22/],
  // BTP hosts that are not a subaccount's XSUAA or the Destination service (issue 9 finding 2)
  ['an app a BTP customer deployed', 'https://myapp.cfapps.eu10.hana.ondemand.com/oauth/token', 'HOST_NOT_ALLOWED', /never an application deployed on BTP/],
  ['any name under hana.ondemand.com', 'https://evil.hana.ondemand.com/', 'HOST_NOT_ALLOWED', /"evil\.hana\.ondemand\.com" is not an SAP host/],
  ['the bare cfapps domain', 'https://cfapps.eu10.hana.ondemand.com/', 'HOST_NOT_ALLOWED', /not an SAP host/],
  ['the BTP cockpit', 'https://cockpit.eu10.hana.ondemand.com/', 'HOST_NOT_ALLOWED', /not an SAP host/],
  ['the Cloud Foundry API', 'https://api.cf.eu10.hana.ondemand.com/', 'HOST_NOT_ALLOWED', /not an SAP host/],
  ['XSUAA without a subdomain', 'https://authentication.eu10.hana.ondemand.com/oauth/token', 'HOST_NOT_ALLOWED', /not an SAP host/],
  ['XSUAA with two labels before "authentication"', 'https://evil.sub.authentication.eu10.hana.ondemand.com/', 'HOST_NOT_ALLOWED', /not an SAP host/],
  ['XSUAA with two region labels', 'https://sub.authentication.eu10.evil.hana.ondemand.com/', 'HOST_NOT_ALLOWED', /not an SAP host/],
  ['the Destination service under a foreign domain', 'https://destination-configuration.cfapps.eu10.hana.ondemand.com.evil.example/', 'HOST_NOT_ALLOWED', /not an SAP host/],
  ['a hyphen for the dot after destination-configuration', 'https://destination-configuration-cfapps.eu10.hana.ondemand.com/', 'HOST_NOT_ALLOWED', /not an SAP host/],
  ['the Destination service without a region', 'https://destination-configuration.cfapps.hana.ondemand.com/', 'HOST_NOT_ALLOWED', /not an SAP host/],
  ['another service on cfapps', 'https://connectivity.cfapps.eu10.hana.ondemand.com/', 'HOST_NOT_ALLOWED', /not an SAP host/],
  ['an app in a China region', 'https://myapp.cfapps.cn40.platform.sapcloud.cn/', 'HOST_NOT_ALLOWED', /not an SAP host/],
];

describe('checkUrl: hostile URLs', () => {
  it('when the hostile list is counted, then it holds at least 40 cases', () => {
    expect(HOSTILE_URLS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(HOSTILE_URLS)('when the URL is %s (%s), then it is refused with %s and a clear reason', (_what, url, code, phrase) => {
    const error = refusal(() => checkUrl(url, policy));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(phrase);
  });

  it('when a URL carries a password, then the message does not repeat it', () => {
    const error = refusal(() => checkUrl('https://user:s3cret@my123456-api.s4hana.ondemand.com/', policy));
    expect(error.message).not.toContain('s3cret');
  });
});

describe('checkUrl: SAP URLs', () => {
  it.each([
    ['an S/4 API host', 'https://my123456-api.s4hana.ondemand.com/sap/bc/sec/oauth2/token', 'my123456-api.s4hana.ondemand.com'],
    ['a 7-digit S/4 UI host on s4hana.cloud.sap', 'https://my1234567.s4hana.cloud.sap/', 'my1234567.s4hana.cloud.sap'],
    ['a BTP Destination service host', 'https://destination-configuration.cfapps.eu10.hana.ondemand.com/destination-configuration/v1/', 'destination-configuration.cfapps.eu10.hana.ondemand.com'],
    ['an XSUAA host in China', 'https://sub.authentication.cn40.platform.sapcloud.cn/oauth/token', 'sub.authentication.cn40.platform.sapcloud.cn'],
    ['an XSUAA host in eu10', 'https://acme-prod.authentication.eu10.hana.ondemand.com/oauth/token', 'acme-prod.authentication.eu10.hana.ondemand.com'],
    ['an XSUAA host on SAP\u2019s own "sap" landscape', 'https://perf-test.authentication.sap.hana.ondemand.com/oauth/token', 'perf-test.authentication.sap.hana.ondemand.com'],
    ['a Destination service host on an extension landscape', 'https://destination-configuration.cfapps.eu10-004.hana.ondemand.com/destination-configuration/v1/', 'destination-configuration.cfapps.eu10-004.hana.ondemand.com'],
    ['a Destination service host in China', 'https://destination-configuration.cfapps.cn40.platform.sapcloud.cn/', 'destination-configuration.cfapps.cn40.platform.sapcloud.cn'],
    ['an S/4 host with a nip.io-style name (shape only; DNS decides)', 'https://127.0.0.1.s4hana.ondemand.com/', '127.0.0.1.s4hana.ondemand.com'],
    ['an upper-case host with a trailing dot', 'https://MY123456-API.S4HANA.ONDEMAND.COM./x', 'my123456-api.s4hana.ondemand.com'],
    ['the explicit port 443', 'https://my123456-api.s4hana.ondemand.com:443/x', 'my123456-api.s4hana.ondemand.com'],
  ])('when the URL is %s, then it passes with the normalised host', (_what, url, host) => {
    const checked = checkUrl(url, policy);
    expect(checked.hostname).toBe(host);
    expect(checked.protocol).toBe('https:');
    expect(checked.port).toBe('');
  });

  it('when a sandbox host outside the SAP domains is mapped, then it passes only while the sandbox is on', () => {
    expect(checkUrl('https://sandbox.test/x', sandboxOn).hostname).toBe('sandbox.test');
    expect(refusal(() => checkUrl('https://sandbox.test/x', policy)).code).toBe('HOST_NOT_ALLOWED');
  });

  it('when the default patterns are read, then they are the S/4 domains and the XSUAA and Destination service shapes, no *.hana.ondemand.com', () => {
    expect([...DEFAULT_SAP_HOST_PATTERNS]).toEqual([
      '*.s4hana.ondemand.com',
      '*.s4hana.cloud.sap',
      '{subdomain}.authentication.{region}.hana.ondemand.com',
      'destination-configuration.cfapps.{region}.hana.ondemand.com',
      '{subdomain}.authentication.{region}.platform.sapcloud.cn',
      'destination-configuration.cfapps.{region}.platform.sapcloud.cn',
    ]);
  });
});

describe('checkResolvedAddress', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['127.8.9.10', /loopback/],
    ['10.0.0.5', /private network/],
    ['172.20.1.1', /private network/],
    ['192.168.1.10', /private network/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['169.254.169.254', /metadata/],
    ['169.254.1.1', /link-local/],
    ['0.0.0.0', /unspecified/],
    ['255.255.255.255', /broadcast/],
    ['224.0.0.1', /multicast/],
    ['240.0.0.1', /reserved/],
    ['192.0.2.1', /reserved/],
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['fc00::1', /private IPv6/],
    ['fd00:ec2::254', /metadata/],
    ['fe80::1', /link-local/],
    ['fe80::1%eth0', /zone/],
    ['ff02::1', /multicast/],
    ['::ffff:127.0.0.1', /loopback/],
    ['::ffff:a00:5', /private network/],
    ['64:ff9b::a00:5', /NAT64/],
    ['2002:a00:5::1', /6to4/],
    ['2001:db8::1', /reserved/],
    ['::7f00:1', /2000::\/3/],
    ['0x7f000001', /not a plain IP address/],
  ])('when a name resolves to %s, then the address is refused as not public', (address, reason) => {
    const error = refusal(() => checkResolvedAddress(address, 'my123456-api.s4hana.ondemand.com'));
    expect(error.code).toBe('PRIVATE_ADDRESS');
    expect(error.message).toMatch(reason);
    expect(error.message).toContain('"my123456-api.s4hana.ondemand.com" resolves to');
  });

  it.each(['155.56.1.1', '8.8.8.8', '2a00:1450:4001::1'])('when a name resolves to the public address %s, then it passes', (address) => {
    expect(() => checkResolvedAddress(address)).not.toThrow();
  });
});

describe('validatePolicy', () => {
  it.each([
    ['a sandbox base on a public address', { [SANDBOX_HOST]: 'http://155.56.1.1:4004' }],
    ['a sandbox base by name', { [SANDBOX_HOST]: 'http://localhost:4004' }],
    ['a sandbox base over https', { [SANDBOX_HOST]: 'https://127.0.0.1:4004' }],
    ['a sandbox host that is not a host name', { 'evil.com/x': 'http://127.0.0.1:4004' }],
  ])('when the policy has %s, then it is rejected at start', (_what, sandboxHosts) => {
    expect(() => validatePolicy({ allowedHostPatterns: [...DEFAULT_SAP_HOST_PATTERNS], sandboxHosts, maxRedirects: 3 })).toThrow(/Invalid outbound policy/);
  });

  it('when a pattern is a bare top-level wildcard, then it is rejected at start', () => {
    expect(() => validatePolicy({ allowedHostPatterns: ['*.com'], sandboxHosts: {}, maxRedirects: 3 })).toThrow(/host pattern "\*\.com"/);
  });

  it.each(['{x}.com', 'foo.{tld}', 'a.*.example.com', 'sub.{re-gion}.example.com', '*.{domain}.com', '*.', '{subdomain}'])(
    'when a pattern is %s (a wildcard where only a plain label may stand), then it is rejected at start',
    (pattern) => {
      expect(() => validatePolicy({ allowedHostPatterns: [pattern], sandboxHosts: {}, maxRedirects: 3 })).toThrow(/Invalid outbound policy: host pattern/);
    },
  );

  it('when the default patterns are validated, then each one is well formed', () => {
    expect(validatePolicy({ allowedHostPatterns: [...DEFAULT_SAP_HOST_PATTERNS], sandboxHosts: {}, maxRedirects: 3 }).allowedHostPatterns).toHaveLength(6);
  });
});
