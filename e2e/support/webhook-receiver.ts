import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';

/** The webhook host e2e/serve.mjs lets through ALERTS_WEBHOOK_TEST_HOSTS (test only), served by the receiver below. */
export const WEBHOOK_HOST = 'hooks.receiver.test';

/** serve.mjs maps WEBHOOK_HOST to 127.0.0.1 at the server's port + 50. */
export const webhookReceiverPort = (baseURL: string) => Number(new URL(baseURL).port) + 50;

export interface ReceivedWebhook {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
}

/** Verifies X-TCC-Signature as a receiver does: HMAC-SHA256 of the raw body with the channel's secret, in constant time. */
export function signatureValid(secret: string, raw: string, header: string | string[] | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw, 'utf8').digest('hex')}`);
  const given = Buffer.from(typeof header === 'string' ? header : '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A plain-http receiver on loopback that records every request and answers 200. */
export async function startWebhookReceiver(port: number) {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
