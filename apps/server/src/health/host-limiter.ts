import pLimit, { type LimitFunction } from 'p-limit';
import type { GuardedFetch } from '../outbound/index.js';

const NULL_BODY = new Set([101, 204, 205, 304]);
/** A host's Retry-After is honoured for every check, up to this long (sap/http also waits before its own retry). */
const MAX_PAUSE_MS = 120_000;

function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_PAUSE_MS) : null;
}

/**
 * At most `perHost` calls in flight per SAP host across all health checks of this process (HEALTH_MAX_CONCURRENT_PER_HOST),
 * so a tenant's many connections never burst at one S/4 or BTP host; a 429 with Retry-After pauses that host for every
 * check, not only the call that got it. A slot is held until the answer's body is read, so it counts the whole call.
 * The call's timeout (SAP_CALL_TIMEOUT_MS) starts when it gets its slot: waiting in line is no timeout of SAP's.
 */
export function createHostLimiter(perHost: number, timeoutMs: number) {
  const limits = new Map<string, LimitFunction>();
  const pausedUntil = new Map<string, number>();
  const limitOf = (host: string) => {
    let limit = limits.get(host);
    if (!limit) limits.set(host, (limit = pLimit(perHost)));
    return limit;
  };
  return function limited(fetch: GuardedFetch): GuardedFetch {
    return (url, init) => {
      const host = new URL(url).host.toLowerCase();
      return limitOf(host)(async () => {
        const wait = (pausedUntil.get(host) ?? 0) - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
        if (response.status === 429) {
          const pause = retryAfterMs(response.headers.get('retry-after'), Date.now());
          if (pause) pausedUntil.set(host, Math.max(pausedUntil.get(host) ?? 0, Date.now() + pause));
        }
        const body = NULL_BODY.has(response.status) ? null : await response.arrayBuffer();
        return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
      });
    };
  };
}
