import type { TenantRole } from '@tcc/shared';

/** The issuer of this app's own accounts (AUTH_MODE=local); their subject is the user name. */
export const LOCAL_ISSUER = 'local';

export interface UserRecord {
  id: string;
  /**
   * Who the user is: the token's `iss` and `sub` in JWT mode, LOCAL_ISSUER and the user name for local accounts.
   * Unique together; user name and e-mail are attributes, never keys (issue 9 finding 12).
   */
  issuer: string;
  subject: string;
  username: string;
  displayName: string;
  passwordHash: string | null;
  systemAdmin: boolean;
  failedSignIns: number;
  lockedUntil: string | null;
  disabled: boolean;
}

export interface SessionRecord {
  userId: string;
  csrfToken: string;
  expiresAt: string;
}

export interface MemberRecord {
  userId: string;
  username: string;
  displayName: string;
  role: TenantRole;
}

/** Users, memberships and sessions. Sessions are found by the SHA-256 of their token, never the token itself. */
export interface AuthStore {
  countUsers(): Promise<number>;
  /** A local account (AUTH_MODE=local) by its user name. */
  findLocalUser(username: string): Promise<UserRecord | undefined>;
  findUserByIdentity(issuer: string, subject: string): Promise<UserRecord | undefined>;
  getUser(userId: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  createUser(user: Omit<UserRecord, 'failedSignIns' | 'lockedUntil' | 'disabled'>, at: string): Promise<void>;
  /** A new password hash and/or the disabled flag; ends every session of the user in the same transaction. */
  updateUser(userId: string, change: { passwordHash?: string; disabled?: boolean }): Promise<boolean>;
  /** The attributes a token brings (user name, display name); the account and its sessions stay. */
  updateUserProfile(userId: string, profile: { username: string; displayName: string }): Promise<void>;
  /** Counts one failed sign-in atomically (parallel attempts cannot overwrite each other); answers the new count. */
  countSignInFailure(userId: string): Promise<number>;
  lockUser(userId: string, lockedUntil: string): Promise<void>;
  clearSignInFailures(userId: string): Promise<void>;

  createSession(idHash: string, session: SessionRecord, at: string): Promise<void>;
  /** The session with its user, read in one statement (every signed-in request asks). */
  findSession(idHash: string): Promise<(SessionRecord & { user: UserRecord }) | undefined>;
  deleteSession(idHash: string): Promise<void>;
  deleteExpiredSessions(now: string): Promise<void>;

  getRole(tenantId: string, userId: string): Promise<TenantRole | undefined>;
  putMember(tenantId: string, userId: string, role: TenantRole): Promise<void>;
  deleteMember(tenantId: string, userId: string): Promise<boolean>;
  listMembers(tenantId: string): Promise<MemberRecord[]>;
}
