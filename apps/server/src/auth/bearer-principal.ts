import type { Store } from '../store/types.js';
import type { Principal } from './principal.js';

/**
 * Maps verified token claims to a user of this app, creating the record on first sight (no password: such users
 * sign in only through the identity provider). The user is the token's issuer + subject: OpenID Connect Core 1.0 §5.7
 * names `iss` and `sub` together the only stable identifier and forbids e-mail or user name as keys; SAP's XSUAA puts its
 * own user ID into `sub` (= `user_id`, specs/NOTES.md §4), one per origin + user name, since "a user name alone doesn't
 * determine a concrete user account" there (SAP-docs btp-cloud-platform, user-and-member-management-cc1c676.md). SAP Cloud
 * Identity Services sends its configurable Subject Name Identifier as `sub` (SAP-docs btp-cloud-identity-services,
 * configure-the-subject-name-identifier-sent-to-the-application-1d020e3.md); with E-Mail there, a new e-mail is a new
 * user here (README says to choose User ID). User name, e-mail and names are attributes and follow the latest token
 * (issue 9 finding 12). Tenant membership comes from the
 * app's own records; the system admin flag from a scope the provider grants (e.g. an XSUAA role collection's scope).
 */
export function createBearerPrincipal({ store, adminScope, newId, clock }: { store: Store; adminScope: string | undefined; newId: () => string; clock: () => Date }) {
  return async (claims: Record<string, unknown>): Promise<Principal | null> => {
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
    const issuer = text(claims.iss);
    const subject = text(claims.sub);
    if (!issuer || !subject) return null;
    const username = text(claims.user_name) ?? text(claims.email) ?? subject;
    const displayName = [claims.given_name, claims.family_name].filter((v) => text(v)).join(' ') || username;
    const scopes = Array.isArray(claims.scope) ? claims.scope : String(claims.scope ?? '').split(' ');
    // The exact scope name only: a suffix would let another application's `<xsappname>.Admin` make a system admin here.
    const systemAdmin = Boolean(adminScope && scopes.some((scope) => scope === adminScope));
    let user = await store.findUserByIdentity(issuer, subject);
    if (!user) {
      // Parallel first requests race to create the account; the loser finds the winner's (unique issuer + subject).
      await store
        .createUser({ id: newId(), issuer, subject, username, displayName, passwordHash: null, systemAdmin: false }, clock().toISOString())
        .catch(async (error: unknown) => {
          if (!(await store.findUserByIdentity(issuer, subject))) throw error;
        });
      user = (await store.findUserByIdentity(issuer, subject))!;
    } else if (user.username !== username || user.displayName !== displayName) {
      await store.updateUserProfile(user.id, { username, displayName });
      user = { ...user, username, displayName };
    }
    // A disabled user keeps no access through the identity provider either.
    if (user.disabled) return null;
    // The admin right follows the current token only: revoked at the provider, it is gone here with the next token.
    return { userId: user.id, username: user.username, displayName: user.displayName, systemAdmin, session: null };
  };
}
