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
/** Retries of a job that threw: only a store error makes it throw (a failed send is the delivery log's to retry). */
const JOB_RETRIES = 3;

export interface AlertWorker {
  start(): void;
  stop(): Promise<void>;
  /** Sends one delivery now if it is free (Send test alert); a retry goes through the job queue. */
  deliverNow(deliveryId: string): Promise<void>;
}

/** What an alert job carries: one delivery, or a channel's due digest (digestChannelId wins when both are set). */
type AlertJob = { deliveryId?: string; digestChannelId?: string };

/**
 * Delivers the outbox as jobs (jobs/, "alert-delivery"): one job per attempt at a delivery, or at a channel's due
 * digest. The delivery row is the schedule: every instance sweeps the outbox (the outbox row is written in the
 * transition's own transaction; the sweep queues whatever is due, not leased and not yet sent, so a crash between that
 * commit and the queueing loses nothing) and the job's identity is the attempt — (delivery id, attempts so far), or
 * (channel, due time, attempts) for a digest — so the queue keeps one job per attempt however many instances sweep, and the next
 * attempt, a new identity, is queued by the sweep once the delivery log's next attempt is due (ALERTS_RETRY_BASE_MS
 * doubling up to 1 h, ALERTS_MAX_ATTEMPTS attempts), on either engine, on whichever instance sweeps first. So the real
 * retry timing is the logged one (plus at most ALERTS_POLL_MS), with no backoff or jitter of the queue's own, and a
 * job that found its delivery held or not due, or used up the queue's retries, never blocks a later attempt.
 * The job claims the delivery with one atomic UPDATE that takes a lease and counts the attempt, so a delivery is never
 * sent twice at the same time (Send test alert sends outside the queue); the outcome is written only by the lease
 * holder. An attempt cut by a dying instance keeps its count: the lease runs out, the sweep queues the next attempt,
 * and a delivery whose attempts were used up so is logged failed with why. The one window left is a crash between
 * the receiver accepting and the "delivered" write: the delivery is then sent again with the same X-TCC-Delivery id
 * (README "Alerts").
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
  /** The wait before the next attempt, as the delivery log shows it; the sweep queues that attempt once it is due. */
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

  /** One attempt; a retry is left pending with its next attempt's time. */
  async function deliver(claimed: ClaimedDelivery[]): Promise<void> {
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
  }

  /**
   * Ends a delivery whose attempts were used up by attempts cut by dying instances (each claim counted one, none wrote
   * an outcome). One spare beyond ALERTS_MAX_ATTEMPTS, so a kill during the last attempt still sends it again (at least
   * once, README "Alerts"). The claim that found it is no attempt: the row gets its count back, so the log and this
   * message agree.
   */
  async function giveUpCut({ delivery, channel }: ClaimedDelivery) {
    const attempts = Number(delivery.attempts) - 1;
    const error = `Gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: the last ones were cut by servers that stopped while sending.`;
    await store.finishAlertDeliveries([delivery.id], instanceId, { status: 'failed', at: clock().toISOString(), nextAttemptAt: null, statusCode: null, error, uncountClaim: true });
    logger.warn('alert delivery given up', { deliveryId: delivery.id, channelId: channel.id, attempts });
  }

  /**
   * The job: one attempt at a due delivery or digest; it ends whatever the outcome (a retry is a later job, queued by the
   * sweep when due). Nothing to do when the delivery is no longer pending, not yet due, or held by another sender (Send
   * test alert, a slow instance): the sweep queues it again when it is free and due, as a new attempt if that sender
   * counted one. It throws only when the store does; the queue retries it then.
   */
  async function deliveryJob({ deliveryId, digestChannelId }: AlertJob) {
    let claimed: ClaimedDelivery[];
    if (digestChannelId) claimed = await store.claimAlertDigest(digestChannelId, lease());
    else {
      const one = deliveryId ? await store.claimAlertDelivery(deliveryId, lease(), { dueOnly: true }) : undefined;
      claimed = one ? [one] : [];
    }
    const toSend: ClaimedDelivery[] = [];
    for (const c of claimed) {
      if (Number(c.delivery.attempts) > settings.maxAttempts + 1) await giveUpCut(c);
      else toSend.push(c);
    }
    if (toSend.length > 0) await deliver(toSend);
  }

  jobs.work<AlertJob>('alert-delivery', deliveryJob, {
    // Backed off up to the log's longest wait; attempts at the delivery are not the queue's retries (see above).
    retry: { limit: JOB_RETRIES, delayMs: settings.retryBaseMs, backoff: true, maxDelayMs: MAX_BACKOFF_MS },
    // A job cut by its instance's death ends (fails) once the delivery's lease has run out; the sweep queues the next
    // attempt then, a retry of this one finds it taken.
    expireSeconds: Math.ceil(settings.leaseMs / 1000),
    concurrency: CONCURRENCY,
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
   * Queues what is due and not held: new deliveries, retries whose time came, digests at their midnight (on the
   * server's clock), and deliveries whose job was lost (SQLite's in-process queue at a crash, an attempt cut by a dying
   * instance). An attempt already queued is not queued twice (its job id).
   */
  async function sweep() {
    await prune();
    const { deliveries, digests } = await store.dueAlertWork(clock().toISOString(), 50);
    for (const { id, attempts } of deliveries) await jobs.send<AlertJob>('alert-delivery', { deliveryId: id }, { singletonKey: id, id: `${id}#${attempts}` });
    for (const { channelId, dueAt, attempts } of digests) {
      const key = `digest:${channelId}`;
      await jobs.send<AlertJob>('alert-delivery', { digestChannelId: channelId }, { singletonKey: key, id: `${key}@${dueAt}#${attempts}` });
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
      // Whenever it is due (a test is sent at once); a retry is the sweep's to queue when the log says.
      if (claimed) await deliver([claimed]);
    },
  };
}
