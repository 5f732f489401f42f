import type { Store } from '../store/types.js';
import type { Principal } from './principal.js';

/**
 * Maps verified token claims to a user of this app, creating the record on first sight (no password: such users
 * sign in only through the identity provider). Tenant membership comes from the app's own records; the system admin
 * flag from a scope the provider grants (e.g. an XSUAA role collection's scope).
 */
export function createBearerPrincipal({ store, adminScope, newId, clock }: { store: Store; adminScope: string | undefined; newId: () => string; clock: () => Date }) {
  return async (claims: Record<string, unknown>): Promise<Principal | null> => {
    const name = [claims.user_name, claims.email, claims.sub].find((v): v is string => typeof v === 'string' && v !== '');
    if (!name) return null;
    const scopes = Array.isArray(claims.scope) ? claims.scope : String(claims.scope ?? '').split(' ');
    // The exact scope name only: a suffix would let another application's `<xsappname>.Admin` make a system admin here.
    const systemAdmin = Boolean(adminScope && scopes.some((scope) => scope === adminScope));
    let user = await store.findUserByName(name);
    if (!user) {
      const displayName = [claims.given_name, claims.family_name].filter(Boolean).join(' ') || name;
      await store.createUser({ id: newId(), username: name, displayName, passwordHash: null, systemAdmin: false }, clock().toISOString());
      user = (await store.findUserByName(name))!;
    }
    // A disabled user keeps no access through the identity provider either.
    if (user.disabled) return null;
    // The admin right follows the current token only: revoked at the provider, it is gone here with the next token.
    return { userId: user.id, username: user.username, displayName: user.displayName, systemAdmin, session: null };
  };
}
