import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { SandboxContext } from '../../context.js';
import { UNCERTAIN } from '../../uncertain.js';
import { sendODataError } from './odata-errors.js';

/**
 * SAP Gateway CSRF protection (sap-apis.md D, sap-cloud-sdk.md "CSRF"): a GET or HEAD with `X-CSRF-Token: Fetch` answers a token
 * bound to a session cookie; modifying requests must send both back. The SAP Cloud SDK fetches with HEAD on the request URL plus
 * a trailing slash, so every HEAD under the services is answered (200, no body).
 */
export function createCsrfMiddleware(ctx: SandboxContext): RequestHandler {
  const s4 = ctx.state.s4;
  const cookieName = () => `SAP_SESSIONID_${UNCERTAIN.s4SystemId}_${s4.client}`;
  const session = (req: Request) => {
    const value = readCookie(req.headers.cookie, cookieName());
    const entry = value ? s4.csrfTokens.get(value) : undefined;
    return value && entry && entry.expiresAt > ctx.now().getTime() ? { value, entry } : null;
  };

  return (req, res, next) => {
    const safe = req.method === 'GET' || req.method === 'HEAD';
    if (safe) {
      if (req.get('x-csrf-token')?.toLowerCase() === 'fetch') {
        // A live session keeps its token, as Gateway does; otherwise a new session starts. No `secure` flag: the sandbox serves plain http on loopback.
        let current = session(req);
        if (!current) {
          const value = randomBytes(24).toString('base64url');
          const entry = { token: randomBytes(16).toString('base64'), expiresAt: ctx.now().getTime() + UNCERTAIN.csrfTokenLifetimeSeconds * 1000 };
          s4.csrfTokens.set(value, entry);
          current = { value, entry };
          res.append('Set-Cookie', `${cookieName()}=${value}; path=/; HttpOnly`);
          res.append('Set-Cookie', `sap-usercontext=sap-client=${s4.client}; path=/`);
        }
        res.setHeader('x-csrf-token', current.entry.token);
      }
      if (req.method === 'HEAD') return void res.status(200).end();
      return next();
    }
    const current = session(req);
    if (current && req.get('x-csrf-token') === current.entry.token) return next();
    res.setHeader('x-csrf-token', 'Required');
    const { code, message } = UNCERTAIN.odataErrors.csrfValidationFailed;
    sendODataError(res, 403, code, message);
  };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
