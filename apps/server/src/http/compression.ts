import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

const isEventStream = (res: Response) => String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream');

/**
 * Compresses API answers and pages (brotli or gzip, as the client accepts; answers under 1 kB stay as they are).
 * Never server-sent events: a compressor holds bytes back until it has enough, so progress would arrive late and in
 * bursts. Built assets arrive precompressed (static-web-app.ts), and compression leaves an encoded answer alone.
 * Compressing answers that hold a CSRF token is safe from BREACH here: that needs the victim's browser to send
 * attacker-made requests with the session, and the session cookie is SameSite=Strict (auth/session-cookie.ts).
 */
export function responseCompression(): RequestHandler {
  return compression({ filter: (req: Request, res: Response) => !isEventStream(res) && compression.filter(req, res) });
}
