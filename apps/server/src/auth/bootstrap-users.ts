import { randomBytes } from 'node:crypto';
import type { Store } from '../store/types.js';
import type { AuthService } from './auth-service.js';

/** Documented sandbox accounts (README): only created with the sandbox on and an empty user store. */
export const DEMO_PASSWORD = 'TaskCenter-Sandbox-2026';
export const DEMO_USERS = [
  { username: 'demo-admin', displayName: 'Demo Admin', systemAdmin: true, role: 'admin' },
  { username: 'demo-operator', displayName: 'Demo Operator', systemAdmin: false, role: 'operator' },
  { username: 'demo-viewer', displayName: 'Demo Viewer', systemAdmin: false, role: 'viewer' },
] as const;

/**
 * On first start with no users: with the sandbox on, the documented demo users; otherwise one initial admin whose
 * password (INITIAL_ADMIN_PASSWORD, or a random one) is printed once, here and nowhere else.
 */
export async function bootstrapUsers(
  { store, auth }: { store: Store; auth: AuthService },
  { sandbox, initialAdminPassword, print }: { sandbox: boolean; initialAdminPassword?: string; print: (line: string) => void },
): Promise<void> {
  if ((await store.countUsers()) > 0) return;
  if (sandbox) {
    for (const user of DEMO_USERS) await auth.createUser({ ...user, password: DEMO_PASSWORD });
    print(`Sandbox demo users created: ${DEMO_USERS.map((u) => u.username).join(', ')} — password ${DEMO_PASSWORD} (see README).`);
    return;
  }
  const password = initialAdminPassword ?? randomBytes(18).toString('base64url');
  await auth.createUser({ username: 'admin', displayName: 'Administrator', password, systemAdmin: true });
  if (initialAdminPassword) print('Initial administrator "admin" created with the password from INITIAL_ADMIN_PASSWORD.');
  else print(`Initial administrator created. Sign in as "admin" with the password ${password} — it is shown only this once.`);
}
