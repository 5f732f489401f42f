import { OutboundRefusedError, type GuardedFetch } from '../../outbound/index.js';
import type { CallLog, SapCallRecord } from './call-log.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per attempt. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5_000, timeoutMs: 20_000 };

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** The answer of an SAP call that could not be had: SAP's status (or none) and whether retrying was worth it. */
export class SapTransportError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    /** unreachable: no retry mends it (a name DNS does not know, a refused connection). */
    readonly kind: 'timeout' | 'network-error' | 'unreachable' | 'refused',
  ) {
    super(message);
    this.name = 'SapTransportError';
  }
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3), capped. */
function retryAfterMs(header: string | null, cap: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), cap) : null;
}

/** Exponential backoff with full jitter (AWS architecture blog), so parallel runs do not retry in step. */
const backoff = (attempt: number, policy: RetryPolicy, random: () => number) =>
  Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * random();

export interface SapHttpDeps {
  fetch: GuardedFetch;
  system: SapCallRecord['system'];
  log: CallLog;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * Every SAP call of an adapter: through the guarded client, with a timeout per attempt, recorded in the call log,
 * and retried with backoff and jitter on 429, 5xx, timeouts and network errors — but only for idempotent methods.
 * A POST is never repeated here: the caller first checks whether its object was created (see the adapters).
 */
export function createSapHttp({ fetch, system, log, retry = {}, sleep = (ms) => new Promise((r) => setTimeout(r, ms)), random = Math.random }: SapHttpDeps) {
  const policy = { ...DEFAULT_RETRY, ...retry };
  /** `retrySafe` marks a POST that may be repeated (a token request creates nothing). */
  return async function call(url: string, { retrySafe, ...init }: RequestInit & { method: string; retrySafe?: boolean }): Promise<Response> {
    const method = init.method.toUpperCase();
    const attempts = IDEMPOTENT.has(method) || retrySafe ? policy.maxAttempts : 1;
    const path = new URL(url).pathname;
    for (let attempt = 1; ; attempt += 1) {
      const started = performance.now();
      const record = (status: number | null, outcome: SapCallRecord['outcome']) =>
        log({ system, method, path, status, durationMs: Math.round(performance.now() - started), attempt, outcome });
      let response: Response;
      try {
        response = await fetch(url, { ...init, method, signal: AbortSignal.timeout(policy.timeoutMs) });
      } catch (error) {
        // The guard refuses for policy (final) or reports a timeout / DNS failure (worth another attempt).
        if (error instanceof OutboundRefusedError && error.code !== 'TIMEOUT' && error.code !== 'DNS_FAILED') {
          record(null, 'refused');
          throw new SapTransportError(error.message, null, 'refused');
        }
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError' || (error as { code?: string }).code === 'TIMEOUT');
        record(null, timedOut ? 'timeout' : 'network-error');
        // A name that does not exist or a port that refuses will not answer on the next try: say so once, at once.
        const final = timedOut ? null : finalNetworkFailure(error);
        if (attempt >= attempts || final) {
          const host = new URL(url).host;
          const message = timedOut
            ? `${host} did not answer within ${policy.timeoutMs / 1000} s (${method} ${path}).`
            : `${host} could not be reached: ${final ?? 'a network error'}. Check the host name and that this server can reach it.`;
          throw new SapTransportError(message, null, timedOut ? 'timeout' : final ? 'unreachable' : 'network-error');
        }
        await sleep(backoff(attempt, policy, random));
        continue;
      }
      record(response.status, response.ok ? 'ok' : 'http-error');
      if (!RETRYABLE_STATUS.has(response.status) || attempt >= attempts) return response;
      const wait = retryAfterMs(response.headers.get('retry-after'), policy.maxDelayMs) ?? backoff(attempt, policy, random);
      await response.body?.cancel();
      await sleep(wait);
    }
  };
}

export type SapHttp = ReturnType<typeof createSapHttp>;

/** Failures no retry mends (a name DNS does not know, a refused connection), in words; null for possibly passing ones. */
function finalNetworkFailure(error: unknown): string | null {
  const codeOf = (e: unknown) => (e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : undefined);
  const code = codeOf(error) === 'DNS_FAILED' || !codeOf(error) ? (codeOf((error as { cause?: unknown })?.cause) ?? codeOf(error)) : codeOf(error);
  if (code === 'ENOTFOUND') return 'the name does not exist (DNS)';
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  return null;
}
