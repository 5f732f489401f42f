import net from 'node:net';
import zlib from 'node:zlib';
import { API_ROUTES, type ApiRoute, type ApiRouteName } from '@tcc/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTenantWithConnection, useTestServer } from './support/test-server.js';

// Random sign-ins must not trip the per-address limit that the auth tests check.
const ctx = useTestServer({ SIGN_INS_PER_MINUTE: '10000' });
const STACK_TRACE = /\n\s+at .+\(.*:\d+:\d+\)|node_modules|\.ts:\d+/;

const pathValue = fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }), fc.integer().map(String), fc.constantFrom('..', '%00', 'null', ' '));
const query = fc.dictionary(fc.constantFrom('q', 'sort', 'order', 'page', 'pageSize', 'version', 'result', 'from', 'x'), fc.string({ maxLength: 30 }), { maxKeys: 4 });
const body = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.record({ status: fc.constantFrom('done', 'skipped', 'failed', 'x'), version: fc.oneof(fc.integer(), fc.string()), values: fc.dictionary(fc.string(), fc.string()) }).map((v) => JSON.stringify(v)),
);
const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', '');

describe('random and malformed requests to every route', () => {
  const routes = Object.entries(API_ROUTES) as [ApiRouteName, ApiRoute][];

  it.each(routes)('when %s gets random parameters, queries, bodies and headers, then it never answers 5xx or a stack trace', async (name, route) => {
    const { tenantId, connection } = await createTenantWithConnection(ctx.api, `Fuzz ${name}`);
    const known = { tenantId, connectionId: connection.id as string };
    await fc.assert(
      fc.asyncProperty(fc.boolean(), pathValue, query, body, contentType, fc.boolean(), async (useKnownIds, value, q, payload, type, withCsrf) => {
        const path = route.path.replace(/:([A-Za-z]+)/g, (_, param: string) =>
          encodeURIComponent(useKnownIds && param in known ? known[param as keyof typeof known] : value),
        );
        const search = new URLSearchParams(q).toString();
        const response = await fetch(`${ctx.server.baseUrl}${path}${search ? `?${search}` : ''}`, {
          method: route.method.toUpperCase(),
          headers: {
            ...(type ? { 'content-type': type } : {}),
            cookie: ctx.api.session.cookie,
            ...(withCsrf ? { 'x-csrf-token': ctx.api.session.csrfToken } : {}),
          },
          body: route.method === 'get' || route.method === 'delete' ? undefined : payload,
        });
        const text = await response.text();
        expect(response.status, `${route.method} ${path} → ${text.slice(0, 200)}`).toBeLessThan(500);
        expect(text).not.toMatch(STACK_TRACE);
      }),
      { numRuns: name === 'signOut' ? 3 : 20 },
    );
    // Sign-out may have ended the session: sign in again for the next route.
    if (name === 'signOut') await ctx.api.signIn('admin', ADMIN_PASSWORD);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Malformed cookies, content encodings and cross-site headers on every route (issue 9): whatever arrives, the answer is
// the client's fault (4xx) or a normal answer — never a 5xx or a stack trace.
// ---------------------------------------------------------------------------------------------------------------------

const ROUTES = Object.entries(API_ROUTES) as [ApiRouteName, ApiRoute][];
const STATE_CHANGING = ROUTES.filter(([, route]) => route.method !== 'get');
const ownHost = () => new URL(ctx.server.baseUrl).host;

/** The route's path with this test's tenant and connection ids (other parameters get a made-up id). */
async function knownPath(route: ApiRoute, name: string): Promise<string> {
  // A route before may have ended the session (sign-out, a random body that disabled nothing but the session): sign in again.
  if ((await ctx.api.get('/api/auth/me')).status === 401) await ctx.api.signIn('admin', ADMIN_PASSWORD);
  const { tenantId, connection } = await createTenantWithConnection(ctx.api, `Fuzz2 ${name} ${Math.random().toString(36).slice(2, 6)}`);
  const ids: Record<string, string> = { tenantId, connectionId: connection.id as string, stepId: '9', userId: '00000000-0000-4000-8000-000000000000' };
  return route.path.replace(/:([A-Za-z]+)/g, (_, param: string) => encodeURIComponent(ids[param] ?? 'x'));
}

async function send(route: ApiRoute, path: string, headers: Record<string, string>, body?: Uint8Array | string) {
  const response = await fetch(`${ctx.server.baseUrl}${path}`, {
    method: route.method.toUpperCase(),
    headers,
    body: route.method === 'get' ? undefined : body,
  });
  return { status: response.status, text: await response.text() };
}

function expectNoServerError(answer: { status: number; text: string }, label: string) {
  expect(answer.status, `${label} → ${answer.text.slice(0, 200)}`).toBeLessThan(500);
  expect(answer.text, label).not.toMatch(STACK_TRACE);
}

/**
 * A raw HTTP/1.1 request over a socket, for bytes fetch refuses to send (a NUL or other control character in a header).
 * Answers the status and the text that came back before the server closed the connection.
 */
function rawRequest(method: string, path: string, headerLines: string[], body = ''): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(ctx.server.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let received = '';
    socket.setEncoding('latin1');
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer to ${method} ${path}`)));
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      if (status) resolve({ status: Number(status[1]), text: received });
      else reject(new Error(`no HTTP status line in ${JSON.stringify(received.slice(0, 100))}`));
    });
    const head = [`${method} ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close', 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body, 'latin1')}`, ...headerLines];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, 'latin1');
  });
}

const cookieChar = fc.constantFrom(...'abcXYZ019%;=, "\\\t-_.~!$&\'()*+/:<>?@[]^`{|}'.split(''), '\u00e9', '\u00ff');
/** Cookie header values fetch can send: broken percent-encoding, %00, latin-1 bytes, quotes, very long, very many. */
const malformedCookie = fc.oneof(
  fc.constantFrom(
    'tcc_session=%',
    'tcc_session=%E0%A4%A',
    'tcc_session=%zz',
    'tcc_session=%00',
    'tcc_session=%00%00%00%00',
    'tcc_session=a%00b',
    'tcc_session=',
    'tcc_session',
    '=',
    ';;;',
    ' ; ; ',
    'tcc_session==%3D%3D',
    'tcc_session="quoted"',
    'tcc_session=\u00e9\u00ff\u00a0',
    '$Version=1; tcc_session=x; $Path=/',
    'tcc_session=%; tcc_session=%E0%A4%A',
    `tcc_session=${'a'.repeat(8_000)}`,
    `tcc_session=${'%41'.repeat(5_000)}`,
    `tcc_session=${'%'.repeat(20_000)}`,
    `tcc_session=${'x'.repeat(70_000)}`,
    Array.from({ length: 400 }, (_, i) => `c${i}=${i}`).join('; '),
    Array.from({ length: 300 }, () => 'tcc_session=%').join('; '),
  ),
  fc.array(fc.tuple(fc.string({ unit: cookieChar, maxLength: 8 }), fc.string({ unit: cookieChar, maxLength: 30 })), { minLength: 1, maxLength: 200 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('; ')),
  fc.string({ unit: cookieChar, maxLength: 300 }).map((value) => `tcc_session=${value}`),
);

describe('malformed cookies on every route', () => {
  it.each(ROUTES)('when %s gets a malformed session cookie, then it answers without 5xx, and never as signed in', async (name, route) => {
    const path = await knownPath(route, name);
    await fc.assert(
      fc.asyncProperty(malformedCookie, fc.boolean(), async (cookie, withCsrf) => {
        const answer = await send(route, path, { 'content-type': 'application/json', cookie, ...(withCsrf ? { 'x-csrf-token': ctx.api.session.csrfToken } : {}) }, '{}');
        expectNoServerError(answer, `${route.method} ${path} cookie ${JSON.stringify(cookie.slice(0, 80))}`);
        // None of these cookies is a session: only the public routes may answer 2xx.
        if (route.access !== 'public') expect(answer.status, `${route.method} ${path}`).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 8 },
    );
  });

  it.each(ROUTES)('when %s gets a NUL or another control character inside the Cookie header (raw bytes), then it answers without 5xx', async (name, route) => {
    const path = await knownPath(route, name);
    const valid = ctx.api.session.cookie;
    for (const cookie of [`tcc_session=a\u0000b`, `${valid}\u0000`, `tcc_session=\u0001\u001f\u007f`, `tcc_session=x\rX-Injected: 1`, `${valid}; other=\u0000`]) {
      const answer = await rawRequest(route.method.toUpperCase(), path, [`Cookie: ${cookie}`, `X-CSRF-Token: ${ctx.api.session.csrfToken}`], '{}');
      expectNoServerError(answer, `${route.method} ${path} raw cookie ${JSON.stringify(cookie)}`);
      if (route.access !== 'public') expect(answer.status, `${route.method} ${path} raw cookie ${JSON.stringify(cookie)}`).toBeGreaterThanOrEqual(400);
    }
  });
});

const compress = (encoding: 'gzip' | 'deflate' | 'br', data: Buffer) =>
  encoding === 'gzip' ? zlib.gzipSync(data) : encoding === 'deflate' ? zlib.deflateSync(data) : zlib.brotliCompressSync(data);
const CODECS = ['gzip', 'deflate', 'br'] as const;
/** 1 MB of JSON whitespace, compressed to a few KiB: inflated, it is far past the 192 KiB body limit. */
const BOMBS = Object.fromEntries(CODECS.map((codec) => [codec, compress(codec, Buffer.from(`{"name":"${' '.repeat(1_000_000)}"}`))]));
const jsonText = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
  fc.record({ name: fc.string({ maxLength: 20 }), version: fc.integer({ min: 0, max: 3 }), status: fc.constantFrom('done', 'skipped') }).map((value) => JSON.stringify(value)),
);
/** [Content-Encoding label, body bytes]: labels that lie, garbage that claims to be compressed, truncated and mislabelled streams, bombs. */
const encodedBody = fc.oneof(
  fc.tuple(fc.constantFrom('gzip', 'deflate', 'br', 'GZIP', ' gzip ', 'x-gzip', 'compress', 'zstd', 'identity', 'unknown-encoding', 'gzip, br', 'gzip;q=1', ''), jsonText).map(([label, text]) => [label, Buffer.from(text)] as const),
  fc.tuple(fc.constantFrom(...CODECS), fc.uint8Array({ maxLength: 300 }), fc.boolean()).map(([label, bytes, magic]) => [label, Buffer.concat([magic ? Buffer.from([0x1f, 0x8b, 0x08, 0x00]) : Buffer.alloc(0), Buffer.from(bytes)])] as const),
  fc.tuple(fc.constantFrom(...CODECS), fc.constantFrom(...CODECS), jsonText, fc.boolean()).map(([codec, label, text, truncate]) => {
    const packed = compress(codec, Buffer.from(text));
    return [label, truncate ? packed.subarray(0, Math.max(1, packed.length >> 1)) : packed] as const;
  }),
  fc.constantFrom(...CODECS).map((codec) => [codec, BOMBS[codec]!] as const),
);

describe('content encodings on every route', () => {
  it.each(ROUTES)('when %s gets a body whose Content-Encoding lies, is unknown, truncated, garbage or a bomb, then it answers without 5xx', async (name, route) => {
    const path = await knownPath(route, name);
    await fc.assert(
      fc.asyncProperty(encodedBody, async ([label, bytes]) => {
        const headers = { 'content-type': 'application/json', cookie: ctx.api.session.cookie, 'x-csrf-token': ctx.api.session.csrfToken, ...(label ? { 'content-encoding': label } : {}) };
        const answer = await send(route, path, headers, new Uint8Array(bytes));
        expectNoServerError(answer, `${route.method} ${path} Content-Encoding ${JSON.stringify(label)} (${bytes.length} bytes)`);
      }),
      { numRuns: name === 'signOut' ? 4 : 12 },
    );
  });
});

/** [headers, whether the same-origin check must refuse the change]: foreign, null, malformed and own origins. */
const originCases = (): [Record<string, string>, boolean][] => {
  const own = ownHost();
  return [
    [{ origin: 'https://evil.example.com' }, true],
    [{ origin: 'null' }, true],
    [{ origin: `http://${own}.evil.example.com` }, true],
    [{ origin: `http://${own}@evil.example.com` }, true],
    [{ origin: `http://evil.example.com/${own}` }, true],
    [{ origin: own }, true],
    [{ origin: 'http://[' }, true],
    [{ origin: ':::::' }, true],
    [{ origin: '' }, true],
    [{ origin: `http://${own}:99999` }, true],
    [{ origin: `http://${own.split(':')[0]}` }, true],
    [{ origin: 'https://evil.example.com', 'sec-fetch-site': 'same-origin' }, true],
    [{ 'sec-fetch-site': 'cross-site' }, true],
    [{ 'sec-fetch-site': 'same-site' }, true],
    [{ 'sec-fetch-site': 'cross-site', origin: `http://${own}` }, true],
    [{ 'sec-fetch-site': 'same-site', origin: `http://${own}` }, true],
    [{ 'sec-fetch-site': 'CROSS-SITE' }, false],
    [{ 'sec-fetch-site': 'garbage\u00ff' }, false],
    [{ 'sec-fetch-site': 'none' }, false],
    [{ 'sec-fetch-site': 'same-origin', origin: `http://${own}` }, false],
    [{ origin: `HTTP://${own.toUpperCase()}` }, false],
  ];
};

describe('cross-site and malformed Origin / Sec-Fetch-Site on every state-changing route', () => {
  it.each(STATE_CHANGING)('when %s gets a foreign, null or malformed Origin or a cross-site Sec-Fetch-Site, then it is refused 403 (never 5xx); its own origin passes', async (name, route) => {
    const path = await knownPath(route, name);
    const cases = originCases();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), jsonText, fc.boolean(), async ([extra, refused], payload, withSession) => {
        const session: Record<string, string> = withSession ? { cookie: ctx.api.session.cookie, 'x-csrf-token': ctx.api.session.csrfToken } : {};
        const answer = await send(route, path, { 'content-type': 'application/json', ...session, ...extra }, payload);
        const label = `${route.method} ${path} ${JSON.stringify(extra)}`;
        expectNoServerError(answer, label);
        if (refused) expect(answer.status, label).toBe(403);
        // Its own origin, or headers no browser sends: not taken for another site (the route answers as it would anyway).
        else expect(answer.text, label).not.toMatch(/comes from another site/);
      }),
      { numRuns: name === 'signOut' ? 4 : 10 },
    );
  });
});

describe('after the fuzzing', () => {
  it('when every route has been fuzzed, then the server logged no failed request (no 5xx, no stack)', () => {
    expect(ctx.server.logLines.filter((line) => line.includes('request failed'))).toEqual([]);
  });
});
