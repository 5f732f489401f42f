import http from 'node:http';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { rsaCertificatePem, rsaPrivateKeyPem } from '@tcc/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SAP_HOST_PATTERNS, sapOutboundPolicy } from './guard-policy.js';
import { createGuardedFetch, pinnedNodeFetch, type ConnectTarget, type PinnedFetch, type Resolve, type ResolvedAddress } from './guarded-fetch.js';
import { OutboundRefusedError, type OutboundRefusalCode } from './outbound-errors.js';

const SAP_HOST = 'my123456-api.s4hana.ondemand.com';
const SANDBOX_HOST = 'my900001-api.s4hana.ondemand.com';
const PUBLIC_V4 = '155.56.1.1';
const PUBLIC_V6 = '2a00:1450:4001::1';

/** A fake DNS: fixed answers per name, and a record of every question. Never real DNS. */
function fakeResolver(answers: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve: Resolve = async (hostname) => {
    asked.push(hostname);
    const addresses = answers[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolve, asked };
}

/** A fake transport: records where it was told to connect and answers 200; no network. */
function fakeTransport(answer: (url: string) => Response = () => new Response('ok')) {
  const calls: { url: string; init: RequestInit; target: ConnectTarget }[] = [];
  const fetchImpl: PinnedFetch = async (url, init, target) => {
    calls.push({ url, init, target });
    return answer(url);
  };
  return { fetchImpl, calls };
}

async function refusal(promise: Promise<unknown>): Promise<OutboundRefusedError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a refusal, but the call went through');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundRefusedError);
  return error as OutboundRefusedError;
}

describe('guarded fetch: names that resolve to non-public addresses (fake DNS)', () => {
  it.each<[string, string, string[], RegExp]>([
    ['an SAP name pointed at loopback', SAP_HOST, ['127.0.0.1'], /loopback/],
    ['a nip.io-style SAP name for loopback', '127.0.0.1.s4hana.ondemand.com', ['127.0.0.1'], /loopback/],
    ['10/8', SAP_HOST, ['10.0.0.5'], /10\.0\.0\.5.*private network/],
    ['172.16/12', SAP_HOST, ['172.20.1.1'], /172\.20\.1\.1.*private network/],
    ['192.168/16', SAP_HOST, ['192.168.1.10'], /private network/],
    ['CGNAT 100.64/10', SAP_HOST, ['100.64.0.1'], /carrier-grade NAT/],
    ['unique-local fc00::/7', SAP_HOST, ['fc00::1'], /private IPv6/],
    ['link-local fe80::/10', SAP_HOST, ['fe80::1'], /link-local/],
    ['the metadata IP', SAP_HOST, ['169.254.169.254'], /metadata/],
    ['the AWS IPv6 metadata address', SAP_HOST, ['fd00:ec2::254'], /metadata/],
    ['IPv4-mapped loopback', SAP_HOST, ['::ffff:127.0.0.1'], /loopback/],
    ['IPv6 loopback', SAP_HOST, ['::1'], /loopback/],
    ['the unspecified address', SAP_HOST, ['0.0.0.0'], /unspecified/],
    ['only the second of several addresses private', SAP_HOST, [PUBLIC_V4, '10.0.0.5', PUBLIC_V6], /resolves to 10\.0\.0\.5/],
    ['only the last IPv6 address link-local', SAP_HOST, [PUBLIC_V6, PUBLIC_V4, 'fe80::1'], /fe80::1.*link-local/],
  ])('when %s is what DNS answers, then the call is refused before connecting', async (_what, host, addresses, reason) => {
    const dns = fakeResolver({ [host]: addresses });
    const transport = fakeTransport();
    const guardedFetch = createGuardedFetch({ policy: sapOutboundPolicy(), resolve: dns.resolve, fetchImpl: transport.fetchImpl });
    const error = await refusal(guardedFetch(`https://${host}/sap/bc/sec/oauth2/token`));
    expect(error.code).toBe('PRIVATE_ADDRESS');
    expect(error.message).toMatch(reason);
    expect(error.message).toContain(`"${host}" resolves to`);
    expect(dns.asked).toEqual([host]);
    expect(transport.calls).toHaveLength(0);
  });

  it('when a test policy allows *.nip.io and 127.0.0.1.nip.io resolves to loopback, then the call is refused', async () => {
    const dns = fakeResolver({ '127.0.0.1.nip.io': ['127.0.0.1'] });
    const transport = fakeTransport();
    const policy = { allowedHostPatterns: [...DEFAULT_SAP_HOST_PATTERNS, '*.nip.io'], sandboxHosts: {}, maxRedirects: 3 };
    const guardedFetch = createGuardedFetch({ policy, resolve: dns.resolve, fetchImpl: transport.fetchImpl });
    expect((await refusal(guardedFetch('https://127.0.0.1.nip.io/'))).code).toBe('PRIVATE_ADDRESS');
    expect(transport.calls).toHaveLength(0);
  });

  it('when the name does not resolve, then the call is refused with DNS_FAILED and the resolver\'s code', async () => {
    const guardedFetch = createGuardedFetch({ policy: sapOutboundPolicy(), resolve: fakeResolver({}).resolve, fetchImpl: fakeTransport().fetchImpl });
    const error = await refusal(guardedFetch(`https://${SAP_HOST}/`));
    expect(error.code).toBe('DNS_FAILED');
    expect(error.message).toMatch(/ENOTFOUND.*typos/);
  });

  it('when the URL itself is hostile, then DNS is not even asked', async () => {
    const dns = fakeResolver({});
    const guardedFetch = createGuardedFetch({ policy: sapOutboundPolicy(), resolve: dns.resolve, fetchImpl: fakeTransport().fetchImpl });
    expect((await refusal(guardedFetch('https://[::ffff:127.0.0.1]/'))).code).toBe('IP_LITERAL');
    expect((await refusal(guardedFetch('https://my123456.s4hana.ondemand.com@evil.com/'))).code).toBe('USERINFO');
    expect(dns.asked).toEqual([]);
  });

  it('when a service key points at an app deployed on BTP (public address, SAP domain), then it is refused before DNS; the Destination service host passes', async () => {
    const dns = fakeResolver({ 'myapp.cfapps.eu10.hana.ondemand.com': [PUBLIC_V4], 'destination-configuration.cfapps.eu10.hana.ondemand.com': [PUBLIC_V4] });
    const transport = fakeTransport();
    const guardedFetch = createGuardedFetch({ policy: sapOutboundPolicy(), resolve: dns.resolve, fetchImpl: transport.fetchImpl });
    expect((await refusal(guardedFetch('https://myapp.cfapps.eu10.hana.ondemand.com/oauth/token', { method: 'POST' }))).code).toBe('HOST_NOT_ALLOWED');
    expect((await refusal(guardedFetch('https://evil.hana.ondemand.com/'))).code).toBe('HOST_NOT_ALLOWED');
    expect(dns.asked).toEqual([]);
    expect((await guardedFetch('https://destination-configuration.cfapps.eu10.hana.ondemand.com/destination-configuration/v1/subaccountDestinations')).status).toBe(200);
    expect(transport.calls.map((c) => c.url)).toEqual(['https://destination-configuration.cfapps.eu10.hana.ondemand.com/destination-configuration/v1/subaccountDestinations']);
  });
});

describe('guarded fetch: public SAP hosts (fake DNS and fake transport)', () => {
  it('when an S/4 host resolves to public addresses only, then the transport is told to connect to the checked address', async () => {
    const dns = fakeResolver({ [SAP_HOST]: [PUBLIC_V4, PUBLIC_V6] });
    const transport = fakeTransport();
    const guardedFetch = createGuardedFetch({ policy: sapOutboundPolicy(), resolve: dns.resolve, fetchImpl: transport.fetchImpl });
    const response = await guardedFetch(`https://${SAP_HOST.toUpperCase()}./sap/bc/sec/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    expect(response.url).toBe(`https://${SAP_HOST}/sap/bc/sec/oauth2/token`);
    expect(transport.calls).toHaveLength(1);
    const [call] = transport.calls;
    expect(call!.url).toBe(`https://${SAP_HOST}/sap/bc/sec/oauth2/token`);
    expect(call!.target).toEqual({ kind: 'address', address: PUBLIC_V4, family: 4 });
    expect(call!.init).toMatchObject({ method: 'POST', redirect: 'manual' });
    expect(call!.init.signal).toBeInstanceOf(AbortSignal);
    expect(new TextDecoder().decode(call!.init.body as Uint8Array)).toBe('grant_type=client_credentials');
  });

  it('when a same-host redirect is followed and DNS now answers a private address, then the second hop is refused (rebinding)', async () => {
    let round = 0;
    const resolve: Resolve = async () => [{ address: round++ === 0 ? PUBLIC_V4 : '10.0.0.5', family: 4 }];
    const transport = fakeTransport(() => new Response(null, { status: 302, headers: { location: '/next' } }));
    const guardedFetch = createGuardedFetch({ policy: sapOutboundPolicy(), resolve, fetchImpl: transport.fetchImpl });
    const error = await refusal(guardedFetch(`https://${SAP_HOST}/first`));
    expect(error.code).toBe('PRIVATE_ADDRESS');
    expect(transport.calls.map((c) => c.url)).toEqual([`https://${SAP_HOST}/first`]);
  });

  it('when resolving takes longer than the timeout, then the call fails with TIMEOUT', async () => {
    const resolve: Resolve = () => new Promise(() => {});
    const guardedFetch = createGuardedFetch({ policy: sapOutboundPolicy(), resolve, fetchImpl: fakeTransport().fetchImpl, timeoutMs: 100 });
    const error = await refusal(guardedFetch(`https://${SAP_HOST}/`));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/did not answer within 0\.1 s/);
  });
});

describe('guarded fetch through the sandbox host map (local test server on 127.0.0.1)', () => {
  const seen: { host: string | undefined; method: string | undefined; url: string | undefined; body: string }[] = [];
  let server: http.Server;
  let base: string;
  let port: number;

  const routes: Record<string, (res: http.ServerResponse) => void> = {
    '/hello': (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('hello from the sandbox'),
    '/redirect-same-absolute': (res) => res.writeHead(302, { location: `https://${SANDBOX_HOST}/hello` }).end(),
    '/redirect-same-relative': (res) => res.writeHead(302, { location: '/hello?via=relative' }).end(),
    '/redirect-off-host': (res) => res.writeHead(302, { location: 'https://evil.example.com/steal' }).end(),
    '/redirect-other-sap-host': (res) => res.writeHead(302, { location: 'https://my123456.s4hana.ondemand.com/' }).end(),
    '/redirect-scheme-relative-off-host': (res) => res.writeHead(302, { location: '//evil.example.com/steal' }).end(),
    '/redirect-http': (res) => res.writeHead(301, { location: `http://${SANDBOX_HOST}/hello` }).end(),
    '/redirect-ip': (res) => res.writeHead(302, { location: `https://127.0.0.1:${port}/hello` }).end(),
    '/redirect-userinfo': (res) => res.writeHead(302, { location: `https://admin:pw@${SANDBOX_HOST}/hello` }).end(),
    '/redirect-port': (res) => res.writeHead(307, { location: `https://${SANDBOX_HOST}:4004/hello` }).end(),
    '/redirect-punycode': (res) => res.writeHead(302, { location: 'https://my900001-api.xn--4hana-g2e.ondemand.com/' }).end(),
    '/loop': (res) => res.writeHead(302, { location: '/loop' }).end(),
    '/see-other': (res) => res.writeHead(303, { location: '/hello' }).end(),
    '/temporary': (res) => res.writeHead(307, { location: '/hello' }).end(),
    '/slow': () => {},
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ host: req.headers.host, method: req.method, url: req.url, body });
        const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
        if (route) route(res);
        else res.writeHead(404).end();
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  beforeEach(() => {
    seen.length = 0;
  });

  /** Sandbox on: the SAP name maps to the test server; DNS must never be asked. */
  function sandboxFetch(timeoutMs?: number) {
    const dns = fakeResolver({});
    const guardedFetch = createGuardedFetch({ policy: sapOutboundPolicy({ [SANDBOX_HOST]: base }), resolve: dns.resolve, timeoutMs });
    return { guardedFetch, dns };
  }

  it('when the sandbox is on, then its SAP host name reaches the local server with the SAP Host header', async () => {
    const { guardedFetch, dns } = sandboxFetch();
    const response = await guardedFetch(`https://${SANDBOX_HOST}/hello?sap-client=100`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hello from the sandbox');
    expect(seen).toEqual([{ host: SANDBOX_HOST, method: 'GET', url: '/hello?sap-client=100', body: '' }]);
    expect(dns.asked).toEqual([]);
  });

  it.each(['/redirect-same-absolute', '/redirect-same-relative'])('when the host answers %s with a same-host redirect, then it is followed', async (path) => {
    const { guardedFetch } = sandboxFetch();
    const response = await guardedFetch(`https://${SANDBOX_HOST}${path}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hello from the sandbox');
    expect(response.url).toMatch(new RegExp(`^https://${SANDBOX_HOST}/hello`));
    expect(seen.map((s) => s.url)).toEqual([path, expect.stringMatching(/^\/hello/)]);
    expect(seen.every((s) => s.host === SANDBOX_HOST)).toBe(true);
  });

  it.each<[string, OutboundRefusalCode, RegExp]>([
    ['/redirect-off-host', 'REDIRECT_OFF_HOST', /redirected to another host, "evil\.example\.com"/],
    ['/redirect-other-sap-host', 'REDIRECT_OFF_HOST', /"my123456\.s4hana\.ondemand\.com"/],
    ['/redirect-scheme-relative-off-host', 'REDIRECT_OFF_HOST', /"evil\.example\.com"/],
    ['/redirect-http', 'NOT_HTTPS', /https:\/\/ only/],
    ['/redirect-ip', 'IP_LITERAL', /IP address/],
    ['/redirect-userinfo', 'USERINFO', /user name or password/],
    ['/redirect-port', 'PORT_NOT_ALLOWED', /port 4004/],
    ['/redirect-punycode', 'NOT_ASCII_HOST', /xn--4hana-g2e/],
  ])('when the SAP host answers %s, then the redirect is refused with %s and not followed', async (path, code, reason) => {
    const { guardedFetch } = sandboxFetch();
    const error = await refusal(guardedFetch(`https://${SANDBOX_HOST}${path}`));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(reason);
    expect(seen.map((s) => s.url)).toEqual([path]);
  });

  it('when the host redirects in a loop, then the call stops after maxRedirects with TOO_MANY_REDIRECTS', async () => {
    const { guardedFetch } = sandboxFetch();
    const error = await refusal(guardedFetch(`https://${SANDBOX_HOST}/loop`));
    expect(error.code).toBe('TOO_MANY_REDIRECTS');
    expect(error.message).toMatch(/more than 3 times/);
    expect(seen).toHaveLength(4);
  });

  it('when a POST is answered 303, then the redirect continues as GET without the body', async () => {
    const { guardedFetch } = sandboxFetch();
    const response = await guardedFetch(`https://${SANDBOX_HOST}/see-other`, { method: 'POST', body: 'a=1' });
    expect(response.status).toBe(200);
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/see-other', 'a=1'],
      ['GET', '/hello', ''],
    ]);
  });

  it('when a POST is answered 307, then the redirect repeats the POST with the same body', async () => {
    const { guardedFetch } = sandboxFetch();
    await guardedFetch(`https://${SANDBOX_HOST}/temporary`, { method: 'POST', body: JSON.stringify({ a: 1 }) });
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/temporary', '{"a":1}'],
      ['POST', '/hello', '{"a":1}'],
    ]);
  });

  it('when the host does not answer in time, then the call fails with TIMEOUT naming the host', async () => {
    const { guardedFetch } = sandboxFetch(300);
    const error = await refusal(guardedFetch(`https://${SANDBOX_HOST}/slow`));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain(`"${SANDBOX_HOST}" did not answer`);
  });

  it('when the sandbox map is empty, then the same host is an ordinary name and its loopback address is refused', async () => {
    // As if DNS (or /etc/hosts) pointed the sandbox name at this machine: with the sandbox off it must stay unreachable.
    const dns = fakeResolver({ [SANDBOX_HOST]: ['127.0.0.1'] });
    const guardedFetch = createGuardedFetch({ policy: sapOutboundPolicy({}), resolve: dns.resolve });
    const error = await refusal(guardedFetch(`https://${SANDBOX_HOST}/hello`));
    expect(error.code).toBe('PRIVATE_ADDRESS');
    expect(error.message).toMatch(/loopback/);
    expect(dns.asked).toEqual([SANDBOX_HOST]);
    expect(seen).toEqual([]);
  });

  it('when the sandbox is on, then its host must still be called with https:// in the URL', async () => {
    const { guardedFetch } = sandboxFetch();
    expect((await refusal(guardedFetch(`http://${SANDBOX_HOST}/hello`))).code).toBe('NOT_HTTPS');
    expect(seen).toEqual([]);
  });
});

describe('pinned transport (local TLS server on 127.0.0.1)', () => {
  // A .invalid name never resolves (RFC 2606): reaching the server at all proves the socket went to the pinned address.
  const PINNED_NAME = 'pinned-test.invalid';
  let server: tls.Server;
  let port: number;
  const handshakes: (string | undefined)[] = [];

  beforeAll(async () => {
    server = tls.createServer({ key: rsaPrivateKeyPem(), cert: rsaCertificatePem({ cn: PINNED_NAME }) });
    server.on('tlsClientError', (_error, socket) => handshakes.push((socket as tls.TLSSocket).servername || undefined));
    server.on('secureConnection', (socket) => handshakes.push(socket.servername || undefined));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  it('when pinned to 127.0.0.1, then it connects there with the SAP name as SNI and refuses a certificate nobody trusts', async () => {
    const target: ConnectTarget = { kind: 'address', address: '127.0.0.1', family: 4 };
    const failure = await pinnedNodeFetch(`https://${PINNED_NAME}:${port}/`, { method: 'GET', signal: AbortSignal.timeout(5000) }, target).then(
      () => undefined,
      (error: unknown) => error as NodeJS.ErrnoException,
    );
    expect(failure?.code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/);
    await expect.poll(() => handshakes).toEqual([PINNED_NAME]);
  });
});
