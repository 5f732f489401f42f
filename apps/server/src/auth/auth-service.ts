import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { ERROR_CODES, type CreateUserSchema, type SessionInfo, type UpdateUser, type User } from '@tcc/shared';
import type { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, UnauthenticatedError } from '../http/errors.js';
import { LOCAL_ISSUER, type UserRecord } from '../store/auth-store.js';
import type { Store } from '../store/types.js';
import type { Principal } from './principal.js';
import type { SignInLimiter } from './sign-in-limiter.js';

export interface AuthSettings {
  sessionTtlMinutes: number;
  /** Failed sign-ins in a row after which an account is locked for `lockMinutes`. */
  maxFailedSignIns: number;
  lockMinutes: number;
  /** Sign-in attempts per client address per minute. */
  signInsPerMinute: number;
  /** False in JWT mode: users sign in at the identity provider, not here. */
  localSignIn: boolean;
  /** TENANT_CREATION=all-users: every signed-in user may create tenants; else system admins only. */
  anyoneCreatesTenants: boolean;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const toUser = (u: UserRecord): User => ({ id: u.id, username: u.username, displayName: u.displayName, issuer: u.issuer, systemAdmin: u.systemAdmin, disabled: u.disabled });
// Verified against when the user does not exist, so a missing user costs the same time as a wrong password.
const DUMMY_HASH = hash('timing-equaliser');

export function createAuthService({ store, settings, clock, newId, signInLimiter }: { store: Store; settings: AuthSettings; clock: () => Date; newId: () => string; signInLimiter: SignInLimiter }) {
  const perAddress = signInLimiter;
  /** Stands for a user name that matches no account. */
const UNKNOWN_USER = '(unknown user)';

const SIGN_IN_FAILED = 'The user name or password is wrong, or the account is locked after repeated failed sign-ins (ask an administrator, or try again later).';

  const sessionInfo = (user: UserRecord, session: Principal['session']): SessionInfo => ({
    user: { ...toUser(user), canCreateTenants: settings.anyoneCreatesTenants || user.systemAdmin },
    csrfToken: session?.csrfToken ?? null,
    expiresAt: session?.expiresAt ?? null,
  });

  /**
   * Sign-ins, failed ones and lock-outs in the system-wide audit (finding 11 of "Tell the admin the truth"). A name that
   * is no user is not written down: people type passwords into the user field.
   */
  const audit = (action: 'signIn' | 'signOut', actor: string, result: 'ok' | 'refused', detail: string | null) =>
    store.appendAudit({ tenantId: '', at: clock().toISOString(), actor, action, connectionId: null, object: actor === UNKNOWN_USER ? null : `user ${actor}`, result, detail });

  return {
    /** Checks the password (argon2id), with lock-out and a per-address limit; opens a session. */
    async signIn(username: string, password: string, address: string): Promise<{ token: string; expiresAt: Date; info: SessionInfo }> {
      if (!settings.localSignIn) throw new ForbiddenError('Sign in through your organisation’s identity provider; this server accepts its tokens only.');
      const wait = await perAddress.hit(address);
      if (wait > 0) throw new TooManyRequestsError(`Too many sign-in attempts. Try again in ${wait} seconds.`, wait);
      const user = await store.findLocalUser(username);
      const now = clock();
      // A disabled account is refused like a locked one (same answer to the caller, its own word in the audit).
      const locked = Boolean(user?.disabled || (user?.lockedUntil && Date.parse(user.lockedUntil) > now.getTime()));
      const valid = user?.passwordHash && !locked ? await verify(user.passwordHash, password) : (await verify(await DUMMY_HASH, password), false);
      if (!user || !valid) {
        let lockedNow = false;
        if (user && !locked && (await store.countSignInFailure(user.id)) >= settings.maxFailedSignIns) {
          await store.lockUser(user.id, new Date(now.getTime() + settings.lockMinutes * 60_000).toISOString());
          lockedNow = true;
        }
        const reason = user?.disabled ? 'ACCOUNT_DISABLED' : locked ? 'ACCOUNT_LOCKED' : lockedNow ? 'LOCKED_OUT' : ERROR_CODES.signInFailed;
        await audit('signIn', user ? user.username : UNKNOWN_USER, 'refused', reason);
        // One answer for a wrong password, an unknown user and a locked account: none tells a stranger which it is.
        throw new UnauthenticatedError(SIGN_IN_FAILED, ERROR_CODES.signInFailed);
      }
      await store.clearSignInFailures(user.id);
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + settings.sessionTtlMinutes * 60_000);
      const session = { idHash: tokenHash(token), csrfToken: randomBytes(24).toString('base64url'), expiresAt: expiresAt.toISOString() };
      await store.createSession(session.idHash, { userId: user.id, csrfToken: session.csrfToken, expiresAt: session.expiresAt }, now.toISOString());
      await audit('signIn', user.username, 'ok', null);
      return { token, expiresAt, info: sessionInfo(user, session) };
    },

    async signOut(principal: Principal): Promise<void> {
      if (principal.session) await store.deleteSession(principal.session.idHash);
      await audit('signOut', principal.username, 'ok', null);
    },

    /** The principal of a session token, or null when it is unknown or expired. */
    async principalOfSession(token: string): Promise<Principal | null> {
      const idHash = tokenHash(token);
      const session = await store.findSession(idHash);
      if (!session) return null;
      if (Date.parse(session.expiresAt) <= clock().getTime()) {
        await store.deleteSession(idHash);
        return null;
      }
      const { user } = session;
      if (user.disabled) return null;
      return { userId: user.id, username: user.username, displayName: user.displayName, systemAdmin: user.systemAdmin, session: { idHash, csrfToken: session.csrfToken, expiresAt: session.expiresAt } };
    },

    async me(principal: Principal): Promise<SessionInfo> {
      const user = await store.getUser(principal.userId);
      if (!user) throw new UnauthenticatedError('Your account no longer exists. Sign in again.');
      return sessionInfo(user, principal.session);
    },

    async createUser(input: z.output<typeof CreateUserSchema>): Promise<User> {
      if (await store.findLocalUser(input.username)) throw new ConflictError(ERROR_CODES.conflict, `A user ${input.username} exists already.`);
      const user = { id: newId(), issuer: LOCAL_ISSUER, subject: input.username, username: input.username, displayName: input.displayName, passwordHash: await hash(input.password), systemAdmin: input.systemAdmin };
      await store.createUser(user, clock().toISOString());
      return toUser({ ...user, failedSignIns: 0, lockedUntil: null, disabled: false });
    },

    /** A new password or the disabled flag; the user's sessions end either way. An admin cannot disable themselves. */
    async updateUser(userId: string, input: UpdateUser, actor: Principal): Promise<User> {
      if (input.disabled === true && userId === actor.userId) throw new ConflictError(ERROR_CODES.conflict, 'You cannot disable your own account.');
      const change = { ...(input.password !== undefined ? { passwordHash: await hash(input.password) } : {}), ...(input.disabled !== undefined ? { disabled: input.disabled } : {}) };
      if (!(await store.updateUser(userId, change))) throw new NotFoundError('This user does not exist.');
      return toUser((await store.getUser(userId))!);
    },

    async listUsers(): Promise<{ items: User[] }> {
      return { items: (await store.listUsers()).map(toUser) };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
