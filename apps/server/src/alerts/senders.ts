import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import { OutboundRefusedError } from '../outbound/index.js';
import { redactSecrets } from '../secrets/index.js';
import type { WebhookPolicy } from './webhook-policy.js';

/** How one attempt ended: delivered, worth retrying (5xx, 429, timeout, network), or refused for good. */
export type SendOutcome = { result: 'delivered' | 'retry' | 'failed'; statusCode: number | null; error: string | null };

/** `sha256=<hex>` of HMAC-SHA256 over the exact bytes of the body, keyed with the channel's secret (README "Alerts"). */
export const signatureOf = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

export function createWebhookSender(policy: WebhookPolicy) {
  return async (url: string, secret: string, body: string, deliveryId: string, timestamp: string): Promise<SendOutcome> => {
    let response: Response;
    try {
      response = await policy.fetchFor(url)(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'TaskCenterConnect-Alerts/1',
          'x-tcc-signature': signatureOf(secret, body),
          'x-tcc-timestamp': timestamp,
          'x-tcc-delivery': deliveryId,
        },
        body,
      });
    } catch (error) {
      // A refusal by the policy (the name now resolves to a private address, a redirect off-host) does not heal by retrying; DNS and timeouts may.
      const permanent = error instanceof OutboundRefusedError && !['TIMEOUT', 'DNS_FAILED'].includes(error.code);
      return { result: permanent ? 'failed' : 'retry', statusCode: null, error: error instanceof Error ? error.message : String(error) };
    }
    await response.body?.cancel().catch(() => {});
    if (response.status >= 200 && response.status < 300) return { result: 'delivered', statusCode: response.status, error: null };
    const retry = response.status >= 500 || response.status === 429 || response.status === 408;
    return { result: retry ? 'retry' : 'failed', statusCode: response.status, error: `The receiver answered HTTP ${response.status}.` };
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;

export interface EmailMessage {
  to: string[];
  subject: string;
  text: string;
  /** The delivery id: Message-ID and X-TCC-Delivery, so a mail system or reader can drop a repeat. */
  deliveryId: string;
}

/**
 * SMTP through nodemailer: smtp:// upgrades with STARTTLS whenever the server offers it (add ?requireTLS=true to
 * refuse a server that does not), smtps:// is TLS from the first byte. The URL's password never
 * appears in an error kept in the delivery log.
 */
export function createEmailSender({ smtpUrl, from, timeoutMs }: { smtpUrl: string; from: string; timeoutMs: number }) {
  const url = new URL(smtpUrl);
  const secrets = [decodeURIComponent(url.password), url.password].filter(Boolean);
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return async (message: EmailMessage): Promise<SendOutcome> => {
    try {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: `<${message.deliveryId}@alerts.task-center-connect>`,
        headers: { 'X-TCC-Delivery': message.deliveryId },
      });
      return { result: 'delivered', statusCode: null, error: null };
    } catch (error) {
      const responseCode = (error as { responseCode?: number }).responseCode;
      const text = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
      // SMTP 5xx is a permanent refusal (bad recipient, relay denied); 4xx and connection trouble are worth retrying.
      return { result: responseCode !== undefined && responseCode >= 500 ? 'failed' : 'retry', statusCode: responseCode ?? null, error: `SMTP: ${text}` };
    }
  };
}

export type EmailSender = ReturnType<typeof createEmailSender>;
