import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  url: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: any;
  /** The status this receiver answered. */
  answered: number;
}

/** Verifies X-TCC-Signature as the README tells receivers to: HMAC-SHA256 of the raw body, compared in constant time. */
export function signatureValid(secret: string, raw: string, header: string | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw, 'utf8').digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A webhook receiver on loopback (reached through ALERTS_WEBHOOK_TEST_HOSTS): records every request and answers the
 * statuses queued in `answers` first, then 200. `hold` keeps requests unanswered (to kill a server mid-delivery).
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const answers: number[] = [];
  const state = { hold: false };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const answered = answers.shift() ?? 200;
      received.push({ url: req.url ?? '', headers: req.headers, raw, body: raw ? JSON.parse(raw) : null, answered: state.hold ? 0 : answered });
      if (state.hold) return;
      res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    received,
    answers,
    state,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export const waitFor = async <T>(what: () => Promise<T> | T, done: (value: T) => boolean, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const value = await what();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting; last value: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
