import type { Kysely } from 'kysely';
import { LOCAL_ISSUER, type AuthStore, type UserRecord } from './auth-store.js';
import type { Database } from './schema.js';

const toUser = (row: Database['users']): UserRecord => ({
  id: row.id,
  issuer: row.issuer,
  subject: row.subject,
  username: row.username,
  displayName: row.display_name,
  passwordHash: row.password_hash,
  systemAdmin: Boolean(row.system_admin),
  failedSignIns: Number(row.failed_sign_ins),
  lockedUntil: row.locked_until,
  disabled: Boolean(row.disabled),
});

export function createKyselyAuthStore(db: Kysely<Database>): AuthStore {
  return {
    async countUsers() {
      const { n } = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(n);
    },
    async findLocalUser(username) {
      return this.findUserByIdentity(LOCAL_ISSUER, username.toLowerCase());
    },
    async findUserByIdentity(issuer, subject) {
      const row = await db.selectFrom('users').selectAll().where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst();
      return row ? toUser(row) : undefined;
    },
    async getUser(userId) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
      return row ? toUser(row) : undefined;
    },
    async listUsers() {
      return (await db.selectFrom('users').selectAll().orderBy('username').orderBy('created_at').execute()).map(toUser);
    },
    async createUser(user, at) {
      const local = user.issuer === LOCAL_ISSUER;
      await db
        .insertInto('users')
        .values({
          id: user.id,
          issuer: user.issuer,
          // Local user names are compared in lower case; a token's subject and user name stay as the provider sends them.
          subject: local ? user.subject.toLowerCase() : user.subject,
          username: local ? user.username.toLowerCase() : user.username,
          display_name: user.displayName,
          password_hash: user.passwordHash,
          system_admin: user.systemAdmin ? 1 : 0,
          failed_sign_ins: 0,
          locked_until: null,
          created_at: at,
          disabled: 0,
        })
        .execute();
    },
    async updateUser(userId, change) {
      return db.transaction().execute(async (trx) => {
        const set = {
          ...(change.passwordHash !== undefined ? { password_hash: change.passwordHash, failed_sign_ins: 0, locked_until: null } : {}),
          ...(change.disabled !== undefined ? { disabled: change.disabled ? 1 : 0 } : {}),
        };
        const result = await trx.updateTable('users').set(set).where('id', '=', userId).executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        // A changed password or a disabled account: every open session of it ends now.
        await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
        return true;
      });
    },
    async updateUserProfile(userId, { username, displayName }) {
      await db.updateTable('users').set({ username, display_name: displayName }).where('id', '=', userId).execute();
    },
    async countSignInFailure(userId) {
      const row = await db
        .updateTable('users')
        .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
        .where('id', '=', userId)
        .returning('failed_sign_ins')
        .executeTakeFirst();
      return Number(row?.failed_sign_ins ?? 0);
    },
    async lockUser(userId, lockedUntil) {
      await db.updateTable('users').set({ failed_sign_ins: 0, locked_until: lockedUntil }).where('id', '=', userId).execute();
    },
    async clearSignInFailures(userId) {
      await db.updateTable('users').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', userId).execute();
    },
    async createSession(idHash, session, at) {
      await db
        .insertInto('sessions')
        .values({ id_hash: idHash, user_id: session.userId, csrf_token: session.csrfToken, created_at: at, expires_at: session.expiresAt })
        .execute();
    },
    async findSession(idHash) {
      const row = await db
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .selectAll('u')
        .select(['s.csrf_token', 's.expires_at'])
        .where('s.id_hash', '=', idHash)
        .executeTakeFirst();
      return row ? { userId: row.id, csrfToken: row.csrf_token, expiresAt: row.expires_at, user: toUser(row) } : undefined;
    },
    async deleteSession(idHash) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteExpiredSessions(now) {
      await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
    },
    async getRole(tenantId, userId) {
      const row = await db.selectFrom('memberships').select('role').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
      return row?.role;
    },
    async putMember(tenantId, userId, role) {
      await db
        .insertInto('memberships')
        .values({ tenant_id: tenantId, user_id: userId, role })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ role }))
        .execute();
    },
    async deleteMember(tenantId, userId) {
      const result = await db.deleteFrom('memberships').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async listMembers(tenantId) {
      const rows = await db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.username', 'u.display_name', 'm.role'])
        .where('m.tenant_id', '=', tenantId)
        .orderBy('u.username')
        .execute();
      return rows.map((row) => ({ userId: row.id, username: row.username, displayName: row.display_name, role: row.role }));
    },
  };
}
