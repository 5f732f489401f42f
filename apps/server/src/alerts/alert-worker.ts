import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import type { Keyring } from '../secrets/index.js';
import type { AlertStore, ClaimedDelivery } from '../store/alert-store.js';
import { subjectOf, textOf, type AlertPayload } from './alert-message.js';
import type { EmailSender, SendOutcome, WebhookSender } from './senders.js';

/** Binds a channel's encrypted secret to the channel: moved to another row, it no longer decrypts. */
export const alertSecretContext = (channelId: string) => `alert-channel:${channelId}:secret`;

export interface AlertWorkerSettings {
  /** How often the outbox is swept for deliveries to queue. */
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
const MAX_BACKOFF_MS = 60 * 60_000;
/** Deliveries one instance sends at once. */
const CONCURRENCY = 8;

export interface AlertWorker {
  start(): void;
  stop(): Promise<void>;
  /** Sends one delivery now if it is free (Send test alert); a retry goes through the job queue. */
  deliverNow(deliveryId: string): Promise<void>;
}

/** What an alert job carries: one delivery, or a channel's due digest (named by its first delivery). */
type AlertJob = { deliveryId: string; digestChannelId?: string };

/** Thrown by a job whose delivery must be tried again: the job queue retries it after the backoff. */
class TryAgainLater extends Error {}

/**
 * Delivers the outbox as jobs (jobs/, "alert-delivery"): one job per delivery, or per channel's due digest, with the
 * delivery id as the job's identity — so every instance may sweep the outbox (the outbox row is written in the
 * transition's own transaction; the sweep queues whatever is due and not yet sent, so a crash between that commit and
 * the queueing loses nothing) and the queue keeps one job per delivery. A failed attempt is retried by the queue with
 * exponential backoff (ALERTS_RETRY_BASE_MS doubling, ALERTS_MAX_ATTEMPTS attempts), on PostgreSQL on whichever
 * instance polls first, also when the sending one died (its job expires after the delivery's lease).
 * The job still claims the delivery with one atomic UPDATE that takes a lease, so a delivery is never sent twice at
 * the same time (Send test alert sends outside the queue); the outcome is written only by the lease holder. The one
 * window left is a crash between the receiver accepting and the "delivered" write: the delivery is then sent again
 * with the same X-TCC-Delivery id (README "Alerts").
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
  jobs,
}: {
  store: AlertStore;
  keyring: Keyring;
  sendWebhook: WebhookSender;
  sendEmail: EmailSender | null;
  clock: () => Date;
  instanceId: string;
  logger: Logger;
  settings: AlertWorkerSettings;
  jobs: JobQueue;
}): AlertWorker {
  let timer: NodeJS.Timeout | null = null;
  let cycle: Promise<void> | null = null;
  let stopped = true;

  const lease = () => {
    const now = clock();
    return { by: instanceId, now: now.toISOString(), until: new Date(now.getTime() + settings.leaseMs).toISOString() };
  };
  /** The backoff of the delivery log and of the in-process queue; pg-boss waits as long and up to as much again. */
  const backoffMs = (attempts: number) => Math.min(MAX_BACKOFF_MS, settings.retryBaseMs * 2 ** (attempts - 1));

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

  /** One attempt; answers whether it is to be tried again (then the row says when, at the earliest). */
  async function deliver(claimed: ClaimedDelivery[]): Promise<'again' | 'ended'> {
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
    const nextAttemptAt = status === 'pending' ? new Date(now.getTime() + backoffMs(attempts)).toISOString() : null;
    const ids = claimed.map((c) => c.delivery.id);
    const kept = await store.finishAlertDeliveries(ids, instanceId, { status, at: now.toISOString(), nextAttemptAt, statusCode: outcome.statusCode, error: giveUp ? `Gave up after ${attempts} attempts. ${outcome.error ?? ''}`.trim() : outcome.error });
    if (!kept) logger.warn('alert delivery lease lost before its outcome was written', { deliveries: ids.length });
    if (status !== 'delivered') logger.warn('alert delivery not delivered', { channelId: claimed[0]!.channel.id, status, attempts, statusCode: outcome.statusCode });
    return status === 'pending' ? 'again' : 'ended';
  }

  const claim = async ({ deliveryId, digestChannelId }: AlertJob) => {
    if (!digestChannelId) {
      const one = await store.claimAlertDelivery(deliveryId, lease());
      return one ? [one] : [];
    }
    return store.claimAlertDigest(digestChannelId, lease());
  };

  /** The job: ends when the delivery did (delivered, refused, given up); throws while it is still to be sent. */
  async function deliveryJob(job: AlertJob) {
    const claimed = await claim(job);
    if (claimed.length === 0) {
      // Sent meanwhile, or held by another sender (Send test alert, a slow instance): then again later.
      if (await store.isAlertDeliveryPending(job.deliveryId)) throw new TryAgainLater(`Alert delivery ${job.deliveryId} is held by another sender.`);
      return;
    }
    if ((await deliver(claimed)) === 'again') throw new TryAgainLater(`Alert delivery ${job.deliveryId} is to be tried again.`);
  }

  /** The dead letter: the queue's retries are used up (the last attempts cut by instances that stopped): logged failed. */
  async function giveUp(job: AlertJob) {
    const claimed = await claim(job);
    if (claimed.length === 0) return;
    const attempts = Math.max(...claimed.map((c) => Number(c.delivery.attempts))) - 1; // the claim above is no attempt
    await store.finishAlertDeliveries(
      claimed.map((c) => c.delivery.id),
      instanceId,
      { status: 'failed', at: clock().toISOString(), nextAttemptAt: null, statusCode: null, error: `Gave up after ${attempts} attempts: the last ones were cut by servers that stopped while sending.` },
    );
    logger.warn('alert delivery given up', { deliveryId: job.deliveryId, attempts });
  }

  jobs.work<AlertJob>('alert-delivery', deliveryJob, {
    // A retry per attempt after the first, and one spare for a job that found its delivery held by another sender.
    retry: { limit: settings.maxAttempts, delayMs: settings.retryBaseMs, backoff: true },
    // A job cut by its instance's death is retried once the delivery's lease has run out.
    expireSeconds: Math.ceil(settings.leaseMs / 1000),
    concurrency: CONCURRENCY,
    onGiveUp: giveUp,
  });

  let lastPrune = 0;
  /** Hourly on the worker's clock; whichever instance runs it, deleting twice is harmless. */
  async function prune() {
    const now = clock().getTime();
    if (now - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = now;
    const pruned = await store.pruneAlerts(new Date(now - settings.keepDays * DAY_MS).toISOString());
    if (pruned) logger.info('alert log pruned', { alerts: pruned });
  }

  /**
   * Queues what is due and not held: new deliveries, digests at their midnight (on the server's clock), and
   * deliveries whose job was lost (SQLite's in-process queue at a crash). One already queued is not queued twice.
   */
  async function sweep() {
    await prune();
    const { deliveryIds, digests } = await store.dueAlertWork(clock().toISOString(), 50);
    for (const deliveryId of deliveryIds) await jobs.send<AlertJob>('alert-delivery', { deliveryId }, { singletonKey: deliveryId, id: deliveryId });
    for (const { channelId, firstDeliveryId } of digests) {
      await jobs.send<AlertJob>('alert-delivery', { deliveryId: firstDeliveryId, digestChannelId: channelId }, { singletonKey: firstDeliveryId, id: firstDeliveryId });
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      cycle = sweep()
        .catch((error: unknown) => logger.error('alert outbox sweep failed', { error: error instanceof Error ? error.message : String(error) }))
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
      // A retry is the queue's: the sweep queues it when it is due.
      if (claimed) await deliver([claimed]);
    },
  };
}
