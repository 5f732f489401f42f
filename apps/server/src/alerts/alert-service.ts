import { randomBytes } from 'node:crypto';
import type { AlertChannel, AlertDelivery, CreateAlertChannelSchema, UpdateAlertChannelSchema } from '@tcc/shared';
import type { z } from 'zod';
import { InputError, NotFoundError } from '../http/errors.js';
import type { Keyring } from '../secrets/index.js';
import type { AlertChannelRow, AlertDeliveryRow, AlertStore } from '../store/alert-store.js';
import type { AlertPayload } from './alert-message.js';
import { alertSecretContext, type AlertWorker } from './alert-worker.js';
import type { WebhookPolicy } from './webhook-policy.js';

const SMTP_MISSING =
  'E-mail alerts need an SMTP server, and none is configured. Set SMTP_URL (smtp://user:password@host:587 for STARTTLS, smtps://…:465 for TLS) and SMTP_FROM (the sender address) in the server’s environment and restart it; or add a webhook channel.';

/** 32 random bytes: as strong as the HMAC-SHA256 key can use. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

const toChannel = (row: AlertChannelRow): AlertChannel => ({
  id: row.id,
  kind: row.kind as AlertChannel['kind'],
  name: row.name,
  recipients: row.kind === 'email' ? (JSON.parse(row.target) as string[]) : null,
  url: row.kind === 'webhook' ? row.target : null,
  secretSet: row.secret_ciphertext !== null,
  digest: row.digest === 1,
  enabled: row.enabled === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});

const toDelivery = (row: AlertDeliveryRow & { channel_name: string; event: string; connection_id: string | null; state: string | null }): AlertDelivery => ({
  id: row.id,
  channelId: row.channel_id,
  channelName: row.channel_name,
  event: row.event as AlertDelivery['event'],
  connectionId: row.connection_id,
  state: row.state as AlertDelivery['state'],
  status: row.status as AlertDelivery['status'],
  attempts: Number(row.attempts),
  lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
  lastError: row.last_error,
  createdAt: row.created_at,
  nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
  deliveredAt: row.delivered_at,
  digest: row.digest === 1,
});

/** Alert channels of a tenant (tenant admins), the delivery log, and Send test alert. Secrets are write-only. */
export function createAlertService({
  store,
  keyring,
  webhookPolicy,
  worker,
  smtpConfigured,
  clock,
  newId,
}: {
  store: AlertStore;
  keyring: Keyring;
  webhookPolicy: WebhookPolicy;
  worker: AlertWorker;
  smtpConfigured: boolean;
  clock: () => Date;
  newId: () => string;
}) {
  const channelOf = async (tenantId: string, channelId: string) => {
    const row = await store.getAlertChannel(tenantId, channelId);
    if (!row) throw new NotFoundError('This alert channel does not exist (any more).');
    return row;
  };

  return {
    async list(tenantId: string) {
      return { items: (await store.listAlertChannels(tenantId)).map(toChannel) };
    },

    async create(tenantId: string, input: z.output<typeof CreateAlertChannelSchema>, actor: string) {
      const at = clock().toISOString();
      const id = newId();
      let target: string;
      let secret: string | null = null;
      let shown: string | null = null;
      if (input.kind === 'email') {
        if (!smtpConfigured) throw new InputError(SMTP_MISSING, [{ field: 'kind', message: 'SMTP_URL is not set.' }]);
        target = JSON.stringify([...new Set(input.recipients.map((r) => r.toLowerCase()))]);
      } else {
        target = await webhookPolicy.check(input.url);
        secret = input.secret ?? newSecret();
        // Shown once, and only when the server made it: a secret the admin gave is already known to them.
        shown = input.secret === undefined ? secret : null;
      }
      const row: AlertChannelRow = {
        id,
        tenant_id: tenantId,
        kind: input.kind,
        name: input.name,
        target,
        secret_ciphertext: secret === null ? null : keyring.encrypt(secret, alertSecretContext(id)),
        digest: input.digest ? 1 : 0,
        enabled: input.enabled ? 1 : 0,
        created_at: at,
        updated_at: at,
        updated_by: actor,
      };
      await store.insertAlertChannel(row);
      return { ...toChannel(row), secret: shown };
    },

    async update(tenantId: string, channelId: string, input: z.output<typeof UpdateAlertChannelSchema>, actor: string) {
      const row = await channelOf(tenantId, channelId);
      const patch: Partial<AlertChannelRow> = { updated_at: clock().toISOString(), updated_by: actor };
      let shown: string | null = null;
      if (row.kind === 'email') {
        if (input.url !== undefined || input.secret !== undefined || input.rotateSecret) throw new InputError('An e-mail channel has recipients, not a URL or secret.', [{ field: 'url', message: 'Not for e-mail channels.' }]);
        if (input.recipients) patch.target = JSON.stringify([...new Set(input.recipients.map((r) => r.toLowerCase()))]);
      } else {
        if (input.recipients !== undefined) throw new InputError('A webhook channel has a URL, not recipients.', [{ field: 'recipients', message: 'Not for webhook channels.' }]);
        if (input.secret !== undefined && input.rotateSecret) throw new InputError('Either give a new secret or ask for one to be generated, not both.', [{ field: 'secret', message: 'Secret and rotateSecret exclude each other.' }]);
        if (input.url !== undefined) patch.target = await webhookPolicy.check(input.url);
        const secret = input.secret ?? (input.rotateSecret ? newSecret() : null);
        if (secret !== null) patch.secret_ciphertext = keyring.encrypt(secret, alertSecretContext(row.id));
        if (input.rotateSecret) shown = secret;
      }
      if (input.name !== undefined) patch.name = input.name;
      if (input.digest !== undefined) patch.digest = input.digest ? 1 : 0;
      if (input.enabled !== undefined) patch.enabled = input.enabled ? 1 : 0;
      await store.updateAlertChannel(tenantId, channelId, patch);
      return { ...toChannel(await channelOf(tenantId, channelId)), secret: shown };
    },

    async remove(tenantId: string, channelId: string) {
      if (!(await store.deleteAlertChannel(tenantId, channelId))) throw new NotFoundError('This alert channel does not exist (any more).');
    },

    /** Sends now, bypassing the digest, and answers the first attempt's outcome (a 5xx is retried as usual). */
    async sendTest(tenantId: string, channelId: string, tenantName: string) {
      const channel = await channelOf(tenantId, channelId);
      if (channel.kind === 'email' && !smtpConfigured) throw new InputError(SMTP_MISSING);
      const at = clock().toISOString();
      const payload: AlertPayload = {
        event: 'test',
        transitionId: null,
        tenant: { id: tenantId, name: tenantName },
        connection: null,
        state: null,
        previousState: null,
        at,
        summary: `A test alert through the channel “${channel.name}”. Alerts about your connections will arrive like this.`,
        certificateDaysLeft: null,
        findings: [],
      };
      const outboxId = newId();
      const deliveryId = newId();
      await store.enqueueTestAlert(
        { id: outboxId, tenant_id: tenantId, transition_id: null, connection_id: null, event: 'test', state: null, payload_json: JSON.stringify(payload), created_at: at },
        { id: deliveryId, tenant_id: tenantId, outbox_id: outboxId, channel_id: channelId, status: 'pending', digest: 0, attempts: 0, next_attempt_at: at, claimed_until: null, claimed_by: null, last_status_code: null, last_error: null, created_at: at, delivered_at: null },
      );
      await worker.deliverNow(deliveryId);
      const row = await store.getAlertDelivery(tenantId, deliveryId);
      return { deliveryId, status: (row?.status ?? 'pending') as AlertDelivery['status'], lastError: row?.last_error ?? null };
    },

    async deliveries(tenantId: string, query: { page: number; pageSize: number; channelId?: string }) {
      const page = await store.listAlertDeliveries(tenantId, query);
      return { items: page.rows.map(toDelivery), total: page.total, page: query.page, pageSize: query.pageSize };
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
