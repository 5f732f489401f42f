import type { RequestHandler } from 'express';
import type { CallTiming, SandboxContext } from './context.js';

/** Finer than Date.now(): calls 100 ms apart must not look simultaneous, nor simultaneous ones apart. */
const epochMs = () => performance.timeOrigin + performance.now();

const INJECTED_TEXT: Record<number, string> = {
  401: 'Unauthorized (injected fault)',
  403: 'Forbidden (injected fault)',
  429: 'Too Many Requests',
  500: 'Internal Server Error (injected fault)',
  502: 'Bad Gateway (injected fault)',
  503: 'Service Unavailable (injected fault)',
};

/** How many of the latest writes (and of the latest calls) GET /sandbox/stats lists. */
export const WRITE_LOG_SIZE = 1000;

/**
 * Latency, errors and hanging calls on every simulated SAP path (not on /sandbox/*). Errors answer as SAP's
 * gateway does: 429 and 503 carry Retry-After.
 */
export function createFaultMiddleware(ctx: SandboxContext): RequestHandler {
  return async (req, res, next) => {
    ctx.stats.calls += 1;
    const timing: CallTiming = { method: req.method, path: req.path, arrivedAt: epochMs(), answeredAt: null };
    ctx.stats.recent.push(timing);
    if (ctx.stats.recent.length > WRITE_LOG_SIZE) ctx.stats.recent.shift();
    res.once('finish', () => (timing.answeredAt = epochMs()));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      ctx.stats.writes.push({ method: req.method, path: req.path });
      if (ctx.stats.writes.length > WRITE_LOG_SIZE) ctx.stats.writes.shift();
    }
    const f = ctx.faults;
    if (f.pathPattern && !new RegExp(f.pathPattern).test(req.path)) return next();
    if (f.method && f.method.toUpperCase() !== req.method) return next();
    if (f.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, f.latencyMs));
    const hang = f.hangNextCalls > 0 || Math.random() < f.hangRate;
    if (hang) {
      if (f.hangNextCalls > 0) f.hangNextCalls -= 1;
      return; // never answered; the client's timeout ends it
    }
    const fail = f.failNextCalls > 0 || Math.random() < f.errorRate;
    if (fail) {
      if (f.failNextCalls > 0) f.failNextCalls -= 1;
      if (f.errorStatus === 429 || f.errorStatus === 503) res.setHeader('Retry-After', String(f.retryAfterSeconds));
      res.status(f.errorStatus).type('text/plain').send(INJECTED_TEXT[f.errorStatus]);
      return;
    }
    if (f.dropAnswerNextCalls > 0) {
      f.dropAnswerNextCalls -= 1;
      // The handler runs (and changes the state); its answer never reaches the client.
      const cut = () => {
        req.socket.destroy();
        return res;
      };
      res.writeHead = cut as typeof res.writeHead;
      res.end = cut as typeof res.end;
    }
    next();
  };
}
