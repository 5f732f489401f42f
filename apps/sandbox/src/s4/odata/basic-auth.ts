import type { RequestHandler } from 'express';
import type { SandboxContext } from '../../context.js';
import { UNCERTAIN } from '../../uncertain.js';

/**
 * A locked user is refused even with the right password, with the same answer: S/4 does not tell a client why.
 * SAP_COM_0A48 accepts Basic and X.509 only (sap-apis.md D); the sandbox does Basic with the bootstrap communication user.
 * Users live per client in ABAP, so a sap-client other than the tenant's is a logon to a client where the user does not exist.
 */
export function createBasicAuthMiddleware(ctx: SandboxContext): RequestHandler {
  return (req, res, next) => {
    const s4 = ctx.state.s4;
    const client = typeof req.query['sap-client'] === 'string' ? req.query['sap-client'] : s4.client;
    const credentials = parseBasic(req.headers.authorization);
    const user = s4.managementUser;
    const named = client === s4.client && credentials !== null && credentials.user.toUpperCase() === user.name.toUpperCase();
    if (named && !user.locked) {
      if (credentials.password === user.password) {
        user.failedLogons = 0;
        return next();
      }
      // "locked after three unsuccessful login attempts" (SAP-docs 0377ade); the threshold is profile.ts lockAfterFailedLogons.
      user.failedLogons = (user.failedLogons ?? 0) + 1;
      if (user.failedLogons >= ctx.profile.lockAfterFailedLogons) user.locked = true;
    }
    res.setHeader('WWW-Authenticate', `Basic realm="SAP NetWeaver Application Server [${UNCERTAIN.s4SystemId}/${s4.client}]"`);
    res.status(401).type('text/html').send('<html><head><title>Logon Error Message</title></head><body>Logon failed</body></html>');
  };
}

function parseBasic(header: string | undefined): { user: string; password: string } | null {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
