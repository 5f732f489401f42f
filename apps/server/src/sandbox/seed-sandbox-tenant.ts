import type { SandboxDescriptor } from '@tcc/sandbox';
import type { ConnectionService } from '../features/connections/connection-service.js';
import type { TenantService } from '../features/tenants/tenant-service.js';
import type { Store } from '../store/types.js';

export const SANDBOX_TENANT_NAME = 'Sandbox demo';
const SEED_ACTOR = 'sandbox seed';

/**
 * Gives a newcomer something to try right after install: a tenant with one connection to the sandbox's subaccount
 * and S/4HANA tenant. Runs when no sandbox connection exists, so a deleted demo comes back at the next start.
 */
export async function seedSandboxTenant(
  { store, tenants, connections }: { store: Store; tenants: TenantService; connections: ConnectionService },
  descriptor: SandboxDescriptor,
): Promise<boolean> {
  if (await store.hasSandboxConnection()) return false;
  const existing = (await tenants.list({ q: SANDBOX_TENANT_NAME, sort: 'name', order: 'asc', page: 1, pageSize: 1 })).items[0];
  const tenant = existing?.name === SANDBOX_TENANT_NAME ? existing : await tenants.create({ name: SANDBOX_TENANT_NAME }, SEED_ACTOR);
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
