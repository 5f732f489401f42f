import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertDeliveryRow, AlertOutboxRow } from '../src/store/alert-store.js';
import type { Store } from '../src/store/types.js';
import { openTestStore } from './support/test-database.js';
import { adminClient, createTenantWithConnection, startTestServer } from './support/test-server.js';

/** Pruning the alert log at the store boundary: ended alerts older than the cut go with their deliveries; pending ones stay. */
let store: Store;
let tenantId: string;

beforeAll(async () => {
  const server = await startTestServer();
  ({ tenantId } = await createTenantWithConnection(await adminClient(server.baseUrl)));
  await server.stop();
  store = await openTestStore(server.dataDir);
  await store.insertAlertChannel({ id: 'ch', tenant_id: tenantId, kind: 'webhook', name: 'Ops', target: 'https://hooks.example.com/x', secret_ciphertext: null, digest: 0, enabled: 1, created_at: OLD, updated_at: OLD, updated_by: 'admin' });
});
afterAll(() => store.close());

const OLD = '2026-01-01T00:00:00.000Z';
const outbox = (id: string, createdAt: string): AlertOutboxRow => ({ id, tenant_id: tenantId, transition_id: null, connection_id: null, event: 'test', state: null, payload_json: '{}', created_at: createdAt });
const delivery = (id: string, outboxId: string, status: string, createdAt: string): AlertDeliveryRow => ({
  id, tenant_id: tenantId, outbox_id: outboxId, channel_id: 'ch', status, digest: 0, attempts: 1, next_attempt_at: status === 'pending' ? createdAt : null,
  claimed_until: null, claimed_by: null, last_status_code: null, last_error: null, created_at: createdAt, delivered_at: status === 'delivered' ? createdAt : null,
});
const ids = async () => (await store.listAlertDeliveries(tenantId, { page: 1, pageSize: 50 })).rows.map((r) => r.id).sort();

describe('alert log pruning', () => {
  it('when alerts are older than the cut, then delivered and failed ones go with their deliveries, a pending one and newer ones stay', async () => {
    await store.enqueueTestAlert(outbox('o-delivered', OLD), delivery('d-delivered', 'o-delivered', 'delivered', OLD));
    await store.enqueueTestAlert(outbox('o-failed', OLD), delivery('d-failed', 'o-failed', 'failed', OLD));
    await store.enqueueTestAlert(outbox('o-pending', OLD), delivery('d-pending', 'o-pending', 'pending', OLD));
    await store.enqueueTestAlert(outbox('o-new', '2026-06-01T00:00:00.000Z'), delivery('d-new', 'o-new', 'delivered', '2026-06-01T00:00:00.000Z'));
    expect(await ids()).toEqual(['d-delivered', 'd-failed', 'd-new', 'd-pending']);

    expect(await store.pruneAlerts('2026-03-01T00:00:00.000Z')).toBe(2);
    expect(await ids()).toEqual(['d-new', 'd-pending']);
    // Pruning again changes nothing.
    expect(await store.pruneAlerts('2026-03-01T00:00:00.000Z')).toBe(0);
  });
});
