import type { RequestHandler } from 'express';
import { ERROR_CODES } from '@tcc/shared';
import { ForbiddenError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A second line beside the CSRF token (finding 17 of "Tell the admin the truth"): a browser tells where a change comes
 * from (Sec-Fetch-Site, Origin); one from another site is refused before anything else runs — sign-in included, which
 * has no CSRF token yet. Clients that send neither header (scripts with a bearer token) are not browsers and pass.
 * Behind a trusted proxy the host the browser saw is X-Forwarded-Host.
 */
export function createSameOriginCheck({ trustProxy }: { trustProxy: boolean }): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = req.get('sec-fetch-site');
    if (site === 'cross-site' || site === 'same-site') return next(refusal());
    const origin = req.get('origin');
    if (origin !== undefined) {
      let host: string | null = null;
      try {
        host = origin === 'null' ? null : new URL(origin).host.toLowerCase();
      } catch {
        host = null;
      }
      const hosts = [req.get('host'), trustProxy ? req.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined].filter(Boolean).map((h) => h!.toLowerCase());
      if (!host || !hosts.includes(host)) return next(refusal());
    }
    next();
  };
}

const refusal = () => new ForbiddenError('This change comes from another site; it is refused. Open Task Center Connect itself and try again.', ERROR_CODES.csrf);
