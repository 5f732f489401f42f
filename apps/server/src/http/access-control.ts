import type { Request } from 'express';
import { ERROR_CODES, roleAllows, type RouteAccess, type TenantRole } from '@tcc/shared';
import type { Principal } from '../auth/principal.js';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The one answer for "no such tenant" and "not your tenant": nothing tells a stranger a tenant exists. */
export const TENANT_NOT_FOUND = 'This tenant does not exist (any more). Go back to the tenant list.';

/** Cookie sessions must echo their CSRF token on every change; bearer tokens carry no ambient authority. */
function checkCsrf(req: Request, principal: Principal): void {
  if (SAFE_METHODS.has(req.method) || !principal.session) return;
  if (req.get('x-csrf-token') !== principal.session.csrfToken) {
    throw new ForbiddenError('The request lacks a valid CSRF token. Reload the page and try again.', ERROR_CODES.csrf);
  }
}

/**
 * Applies a route's access rule, given the caller's role in the route's tenant (undefined: not a member): 401 when
 * signed out, 403 for a missing CSRF token or role, and 404 — the same answer as for a tenant that does not exist —
 * when the caller is not a member.
 */
export function authorize(req: Request, access: RouteAccess, principal: Principal | null, role: TenantRole | undefined): void {
  if (access === 'public') return;
  if (!principal) throw new UnauthenticatedError();
  checkCsrf(req, principal);
  if (access === 'user') return;
  if (access === 'systemAdmin') {
    if (!principal.systemAdmin) throw new ForbiddenError('Only a system administrator can manage users.');
    return;
  }
  if (!role) throw new NotFoundError(TENANT_NOT_FOUND);
  if (!roleAllows(role, access.tenant)) {
    throw new ForbiddenError(`Your role in this tenant is ${role}; this needs ${access.tenant}. Ask a tenant admin to change your role.`);
  }
}
