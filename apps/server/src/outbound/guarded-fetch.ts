import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { checkResolvedAddress, checkUrl, sandboxBaseFor, validatePolicy, type OutboundPolicy } from './guard-policy.js';
import { OutboundRefusedError } from './outbound-errors.js';

/**
 * The one client for every HTTP call the server makes to SAP on a user's behalf. Each call (and each redirect):
 * check the URL → resolve the name and refuse if ANY address is not public → connect to exactly that checked address.
 *
 * Why the connection is pinned: fetch() would resolve the name a second time, and a hostile DNS server can answer
 * "public" to our check and "127.0.0.1" to the connect (DNS rebinding). Node 20's global fetch is undici, but its
 * Agent (with a connect-time lookup hook) is not exported and the `undici` package is not installed here, so the
 * default transport uses node:https with a `lookup` that returns the checked address. TLS still verifies the
 * certificate against the SAP host name (SNI and Host header stay the name, only the socket goes to the address).
 */

export interface ResolvedAddress {
  address: string;
  family: number;
}
/** dns.promises.lookup with { all: true }; injected so tests never touch real DNS. */
export type Resolve = (hostname: string, options: { all: true }) => Promise<ResolvedAddress[]>;

/** Where the transport must connect: the checked public address, or the sandbox's loopback base while the sandbox is on. */
export type ConnectTarget = { kind: 'address'; address: string; family: 4 | 6 } | { kind: 'sandbox'; baseUrl: string };

/**
 * A fetch whose third argument says where to connect. A plain fetch fits the type (it ignores the target) — fine for
 * fakes in tests, but passing globalThis.fetch in production would give up the pinning described above.
 */
export type PinnedFetch = (url: string, init: RequestInit, target: ConnectTarget) => Promise<Response>;

export type GuardedFetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface GuardedFetchDeps {
  policy: OutboundPolicy;
  resolve?: Resolve;
  fetchImpl?: PinnedFetch;
  /** For the whole call: resolving, every redirect, and reading the body. */
  timeoutMs?: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DEFAULT_TIMEOUT_MS = 30_000;

export function createGuardedFetch({
  policy: rawPolicy,
  resolve = (hostname, options) => dns.promises.lookup(hostname, options),
  fetchImpl = pinnedNodeFetch,
  timeoutMs = DEFAULT_TIMEOUT_MS,
}: GuardedFetchDeps): GuardedFetch {
  const policy = validatePolicy(rawPolicy);

  async function targetFor(url: URL, signal: AbortSignal): Promise<ConnectTarget> {
    const sandboxBase = sandboxBaseFor(policy, url.hostname);
    if (sandboxBase !== undefined) {
      checkSandboxPath(url, policy.sandboxPaths);
      return { kind: 'sandbox', baseUrl: sandboxBase };
    }
    let addresses: ResolvedAddress[];
    try {
      addresses = await abortable(resolve(url.hostname, { all: true }), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      const code = (error as { code?: string }).code ?? 'error';
      throw new OutboundRefusedError('DNS_FAILED', `"${url.hostname}" could not be resolved (${code}). Check the host name for typos and that the server can reach a DNS server.`, { cause: error });
    }
    if (addresses.length === 0) throw new OutboundRefusedError('DNS_FAILED', `"${url.hostname}" resolved to no address. Check the host name.`);
    // Every address, not just the first: the OS or a retry could connect to any of them.
    for (const { address } of addresses) checkResolvedAddress(address, url.hostname);
    const first = addresses[0]!;
    return { kind: 'address', address: first.address, family: first.family === 6 ? 6 : 4 };
  }

  return async function guardedFetch(input, init = {}) {
    const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    let url = checkUrl(input, policy);
    const originHost = url.hostname;
    // Buffered once so a 307/308 can send it again; SAP API bodies are small JSON or form data.
    const prepared = new Request(url.href, { method: init.method, headers: init.headers, body: init.body, duplex: 'half' } as RequestInit);
    let method = prepared.method;
    let headers = new Headers(prepared.headers);
    let body: Uint8Array | undefined = prepared.body ? new Uint8Array(await prepared.arrayBuffer()) : undefined;

    try {
      for (let redirects = 0; ; redirects++) {
        const target = await targetFor(url, signal);
        const response = await fetchImpl(url.href, { method, headers, body, redirect: 'manual', signal }, target);
        const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
        if (location === null) return withUrl(response, url);
        await response.body?.cancel();
        if (redirects >= policy.maxRedirects) {
          throw new OutboundRefusedError('TOO_MANY_REDIRECTS', `"${originHost}" redirected more than ${policy.maxRedirects} times. The URL probably points at a login page or a wrong path: check the URL configured for this SAP system.`);
        }
        url = checkRedirect(location, url, originHost, policy);
        // As fetch does: 303 (and 301/302 after POST) continue as GET without the body.
        if ((response.status === 303 && method !== 'HEAD') || ((response.status === 301 || response.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          headers = new Headers(headers);
          for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language']) headers.delete(name);
        }
      }
    } catch (error) {
      if (signal.aborted && !(error instanceof OutboundRefusedError) && (signal.reason as Error | undefined)?.name === 'TimeoutError') {
        throw new OutboundRefusedError('TIMEOUT', `"${originHost}" did not answer within ${Math.round(timeoutMs / 100) / 10} s. Check that the SAP system is up and reachable from the server's network.`, { cause: error });
      }
      throw error;
    }
  };
}

/** A Location is checked like a first URL (scheme, user-info, IP, Unicode, port) and must name the same host. */
function checkRedirect(location: string, current: URL, originHost: string, policy: OutboundPolicy): URL {
  // Check the raw text where it carries a host, so look-alike tricks are seen before the parser normalises them.
  const absolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(location)
    ? location
    : /^[/\\]{2}/.test(location)
      ? `${current.protocol}${location}`
      : new URL(location, current).href;
  let next: URL;
  try {
    next = checkUrl(absolute, policy);
  } catch (error) {
    // A host outside the allow-list is off-host by definition; say "redirect", which is what the admin must look at.
    if (error instanceof OutboundRefusedError && error.code === 'HOST_NOT_ALLOWED') throw offHost(originHost, new URL(absolute).hostname, error);
    throw error;
  }
  if (next.hostname !== originHost) throw offHost(originHost, next.hostname);
  return next;
}

function offHost(originHost: string, otherHost: string, cause?: unknown): OutboundRefusedError {
  return new OutboundRefusedError(
    'REDIRECT_OFF_HOST',
    `"${originHost}" redirected to another host, "${otherHost}". Redirects are followed only within the same host, so credentials never reach a host nobody configured. Check the URL configured for this SAP system.`,
    { cause },
  );
}

function withUrl(response: Response, url: URL): Response {
  // Our transport builds the Response itself, so url would be empty; callers want to know where the answer came from.
  if (response.url === '') Object.defineProperty(response, 'url', { value: url.href });
  return response;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  // Node asks with { all: true } when it tries several addresses (autoSelectFamily); either way it gets only ours.
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/** Default transport: node:https pinned to the checked address, or plain http to the sandbox's loopback base. */
export const pinnedNodeFetch: PinnedFetch = (url, init, target) => {
  const sapUrl = new URL(url);
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => {
    headers[name] = value;
  });
  // The SAP host name, also toward the sandbox: it routes and signs by the name the product believes it calls.
  headers.host = sapUrl.host;
  const body = init.body as Uint8Array | undefined;
  if (body) headers['content-length'] = String(body.byteLength);
  const method = init.method ?? 'GET';
  const signal = init.signal ?? undefined;

  let request: http.ClientRequest;
  if (target.kind === 'sandbox') {
    const base = new URL(target.baseUrl);
    const path = `${base.pathname.replace(/\/$/, '')}${sapUrl.pathname}${sapUrl.search}`;
    request = http.request({ host: base.hostname.replace(/^\[|\]$/g, ''), port: base.port || 80, path, method, headers, signal, agent: false });
  } else {
    request = https.request({
      host: sapUrl.hostname,
      servername: sapUrl.hostname,
      // Always 443 after checkUrl; read from the URL so a test can drive the transport against a local TLS server.
      port: Number(sapUrl.port) || 443,
      path: `${sapUrl.pathname}${sapUrl.search}`,
      method,
      headers,
      signal,
      lookup: pinnedLookup(target.address, target.family),
      // A fresh agent per call: a pooled socket could belong to an earlier resolution of the same name.
      agent: false,
    });
  }

  return new Promise<Response>((resolve, reject) => {
    request.once('error', reject);
    request.once('response', (res) => {
      const status = res.statusCode ?? 0;
      const responseHeaders = new Headers();
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
      const noBody = method === 'HEAD' || status === 204 || status === 205 || status === 304;
      if (noBody) res.resume();
      try {
        const stream = noBody ? null : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>);
        resolve(new Response(stream, { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
      } catch (error) {
        res.destroy();
        reject(error);
      }
    });
    request.end(body);
  });
};

/**
 * The sandbox serves SAP's APIs and, beside them, its own controls (/sandbox: faults, actions that lock users…). Where
 * the policy names the paths a sandbox host may be called on, nothing else gets through — so no tenant's key can aim a
 * call at those controls (finding 14 of "Tell the admin the truth"). Decoded first: %73andbox must not slip past.
 */
function checkSandboxPath(url: URL, allowed: string[] | undefined): void {
  if (!allowed) return;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname).toLowerCase();
  } catch {
    path = '';
  }
  if (!allowed.some((prefix) => path.startsWith(prefix))) {
    throw new OutboundRefusedError('PATH_NOT_ALLOWED', `"${url.pathname}" is not an SAP API path of the sandbox; only SAP's own APIs are reachable through the product.`);
  }
}
