import type { RequestHandler } from 'express';
import type { SandboxContext } from './context.js';

/** How many of the latest writes GET /sandbox/stats lists. */
export const WRITE_LOG_SIZE = 1000;

/**
 * Latency, errors and hanging calls on every simulated SAP path (not on /sandbox/*). Errors answer as SAP's
 * gateway does: 429 and 503 carry Retry-After.
 */
export function createFaultMiddleware(ctx: SandboxContext): RequestHandler {
  return async (req, res, next) => {
    ctx.stats.calls += 1;
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
      res.status(f.errorStatus).type('text/plain').send(f.errorStatus === 429 ? 'Too Many Requests' : 'Service Unavailable (injected fault)');
      return;
    }
    next();
  };
}
