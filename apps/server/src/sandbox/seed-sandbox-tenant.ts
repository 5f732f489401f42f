import type { SandboxDescriptor } from '@tcc/sandbox';
import { DEMO_USERS } from '../auth/bootstrap-users.js';
import type { ConnectionService } from '../features/connections/connection-service.js';
import type { TenantService } from '../features/tenants/tenant-service.js';
import type { Store } from '../store/types.js';

export const SANDBOX_TENANT_NAME = 'Sandbox demo';
const SEED_ACTOR = 'sandbox seed';

/**
 * Gives a newcomer something to try right after install: a tenant with one connection to the sandbox's subaccount
 * and S/4HANA tenant, owned by the demo admin (or the first system admin), with the demo operator and viewer as
 * members. Runs when no sandbox connection exists, so a deleted demo comes back at the next start.
 */
export async function seedSandboxTenant(
  { store, tenants, connections }: { store: Store; tenants: TenantService; connections: ConnectionService },
  descriptor: SandboxDescriptor,
): Promise<boolean> {
  if (await store.hasSandboxConnection()) return false;
  const demoAdmin = await store.findLocalUser(DEMO_USERS[0].username);
  const owner = demoAdmin ?? (await store.listUsers()).find((user) => user.systemAdmin);
  if (!owner) return false;
  const existing = (await tenants.list(owner.id, { q: SANDBOX_TENANT_NAME, sort: 'name', order: 'asc', page: 1, pageSize: 1 })).items[0];
  const tenant = existing?.name === SANDBOX_TENANT_NAME ? existing : await tenants.create({ name: SANDBOX_TENANT_NAME }, { userId: owner.id, username: SEED_ACTOR, systemAdmin: true });
  for (const demo of DEMO_USERS) {
    const user = await store.findLocalUser(demo.username);
    if (user && user.id !== owner.id) await store.putMember(tenant.id, user.id, demo.role);
  }
  await connections.create(
    tenant.id,
    {
      displayName: 'Sandbox',
      subaccountId: descriptor.btp.subaccountId,
      landscapeDomain: descriptor.btp.landscapeDomain,
      s4Host: descriptor.s4.uiHost,
      s4Client: descriptor.s4.client,
    },
    SEED_ACTOR,
    { sandbox: true },
  );
  return true;
}
