import pLimit from 'p-limit';
import type { Logger } from '../logger.js';
import type { Keyring } from '../secrets/index.js';
import type { AlertStore, ClaimedDelivery } from '../store/alert-store.js';
import { subjectOf, textOf, type AlertPayload } from './alert-message.js';
import type { EmailSender, SendOutcome, WebhookSender } from './senders.js';

/** Binds a channel's encrypted secret to the channel: moved to another row, it no longer decrypts. */
export const alertSecretContext = (channelId: string) => `alert-channel:${channelId}:secret`;

export interface AlertWorkerSettings {
  pollMs: number;
  retryBaseMs: number;
  maxAttempts: number;
  /** How long a claimed delivery is held; more than one send can take, so a live sender never loses it. */
  leaseMs: number;
  /** Days ended alerts and their delivery log are kept (HEALTH_HISTORY_DAYS, like the health history). */
  keepDays: number;
}

const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 60 * 60_000;

export interface AlertWorker {
  start(): void;
  stop(): Promise<void>;
  /** Sends one delivery now if it is due and free (Send test alert). */
  deliverNow(deliveryId: string): Promise<void>;
}

const MAX_BACKOFF_MS = 60 * 60_000;

/**
 * Delivers the outbox. Each delivery (or a channel's due digest) is claimed with one atomic UPDATE that takes a lease,
 * as health checks are, so servers sharing a store never send one delivery twice at the same time; the outcome is
 * written only by the lease holder. The one window left is a crash between the receiver accepting and the "delivered"
 * write: the lease then runs out and the delivery is sent again with the same X-TCC-Delivery id (README "Alerts").
 */
export function createAlertWorker({
  store,
  keyring,
  sendWebhook,
  sendEmail,
  clock,
  instanceId,
  logger,
  settings,
}: {
  store: AlertStore;
  keyring: Keyring;
  sendWebhook: WebhookSender;
  sendEmail: EmailSender | null;
  clock: () => Date;
  instanceId: string;
  logger: Logger;
  settings: AlertWorkerSettings;
}): AlertWorker {
  const limit = pLimit(8);
  let timer: NodeJS.Timeout | null = null;
  let cycle: Promise<void> | null = null;
  let stopped = true;

  const lease = () => {
    const now = clock();
    return { by: instanceId, now: now.toISOString(), until: new Date(now.getTime() + settings.leaseMs).toISOString() };
  };

  async function send(claimed: ClaimedDelivery[]): Promise<SendOutcome> {
    const { channel } = claimed[0]!;
    const payloads = claimed.map((c) => ({ deliveryId: c.delivery.id, ...(JSON.parse(c.outbox.payload_json) as AlertPayload) }));
    const deliveryId = claimed[0]!.delivery.id;
    const sentAt = clock().toISOString();
    const digest = claimed[0]!.delivery.digest === 1;
    const first = payloads[0]!;
    if (channel.kind === 'webhook') {
      if (!channel.secret_ciphertext) return { result: 'failed', statusCode: null, error: 'The channel has no signing secret.' };
      const secret = keyring.decrypt(channel.secret_ciphertext, alertSecretContext(channel.id));
      const body = digest
        ? JSON.stringify({ event: 'digest', deliveryId, sentAt, tenant: first.tenant, alerts: payloads })
        : JSON.stringify({ ...first, sentAt });
      return sendWebhook(channel.target, secret, body, deliveryId, sentAt);
    }
    if (!sendEmail) return { result: 'failed', statusCode: null, error: 'SMTP is not configured: set SMTP_URL and SMTP_FROM and restart the server.' };
    const to = JSON.parse(channel.target) as string[];
    if (!digest) return sendEmail({ to, subject: subjectOf(first), text: textOf(first), deliveryId });
    return sendEmail({
      to,
      subject: `[Task Center Connect] Daily digest for ${first.tenant.name}: ${payloads.length} alert${payloads.length === 1 ? '' : 's'}`,
      text: payloads.map((p) => textOf(p)).join('\n\n----\n\n'),
      deliveryId,
    });
  }

  async function deliver(claimed: ClaimedDelivery[]) {
    if (claimed.length === 0) return;
    let outcome: SendOutcome;
    try {
      outcome = await send(claimed);
    } catch (error) {
      outcome = { result: 'retry', statusCode: null, error: error instanceof Error ? error.message : String(error) };
    }
    const attempts = Math.max(...claimed.map((c) => Number(c.delivery.attempts)));
    const now = clock();
    const giveUp = outcome.result === 'retry' && attempts >= settings.maxAttempts;
    const status = outcome.result === 'delivered' ? 'delivered' : outcome.result === 'failed' || giveUp ? 'failed' : 'pending';
    const nextAttemptAt = status === 'pending' ? new Date(now.getTime() + Math.min(MAX_BACKOFF_MS, settings.retryBaseMs * 2 ** (attempts - 1))).toISOString() : null;
    const ids = claimed.map((c) => c.delivery.id);
    const kept = await store.finishAlertDeliveries(ids, instanceId, { status, at: now.toISOString(), nextAttemptAt, statusCode: outcome.statusCode, error: giveUp ? `Gave up after ${attempts} attempts. ${outcome.error ?? ''}`.trim() : outcome.error });
    if (!kept) logger.warn('alert delivery lease lost before its outcome was written', { deliveries: ids.length });
    if (status !== 'delivered') logger.warn('alert delivery not delivered', { channelId: claimed[0]!.channel.id, status, attempts, statusCode: outcome.statusCode });
  }

  let lastPrune = 0;
  /** Hourly on the worker's clock; whichever instance runs it, deleting twice is harmless. */
  async function prune() {
    const now = clock().getTime();
    if (now - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = now;
    const pruned = await store.pruneAlerts(new Date(now - settings.keepDays * DAY_MS).toISOString());
    if (pruned) logger.info('alert log pruned', { alerts: pruned });
  }

  async function runCycle() {
    await prune();
    const { deliveryIds, digestChannelIds } = await store.dueAlertWork(clock().toISOString(), 50);
    await Promise.all([
      ...deliveryIds.map((id) => limit(async () => {
        const claimed = await store.claimAlertDelivery(id, lease());
        if (claimed) await deliver([claimed]);
      })),
      ...digestChannelIds.map((channelId) => limit(async () => deliver(await store.claimAlertDigest(channelId, lease())))),
    ]);
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      cycle = runCycle()
        .catch((error: unknown) => logger.error('alert worker cycle failed', { error: error instanceof Error ? error.message : String(error) }))
        .finally(() => {
          cycle = null;
          schedule();
        });
    }, settings.pollMs);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await cycle;
    },
    async deliverNow(deliveryId) {
      const claimed = await store.claimAlertDelivery(deliveryId, lease());
      if (claimed) await deliver([claimed]);
    },
  };
}
