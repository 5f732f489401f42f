import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { responseCompression } from './compression.js';

// The server-sent events route itself is the live-progress work's; this holds the middleware to what that route needs.
const app = express();
app.use(responseCompression());
let release: () => void = () => {};
app.get('/events', (_req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  res.setHeader('Cache-Control', 'no-store');
  res.flushHeaders();
  // Well over compression's 1 kB threshold, so only the event-stream rule can keep it uncompressed and unbuffered.
  res.write(`id: 1\ndata: ${'x'.repeat(4000)}\n\n`);
  release = () => res.end();
});
app.get('/json', (_req, res) => {
  res.json({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `tenant ${i}` })) });
});
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  release();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('responseCompression', () => {
  it('when a stream of server-sent events is answered, then it is not compressed and each event arrives before the stream ends', async () => {
    const { headers, firstChunk } = await new Promise<{ headers: http.IncomingHttpHeaders; firstChunk: string }>((resolve, reject) => {
      setTimeout(() => reject(new Error('no whole event arrived within 3 s while the stream was open: it was buffered')), 3000);
      http
        .get(`${base}/events`, { headers: { 'accept-encoding': 'gzip, deflate, br', accept: 'text/event-stream' } }, (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8');
            // The whole first event, while the server still holds the stream open.
            if (text.endsWith('\n\n')) resolve({ headers: response.headers, firstChunk: text });
          });
        })
        .on('error', reject);
    });
    release();
    expect(headers['content-encoding']).toBeUndefined();
    expect(firstChunk).toMatch(/^id: 1\ndata: x{4000}\n\n$/);
  });

  it('when a JSON answer over 1 kB is asked for with Accept-Encoding, then it is compressed', async () => {
    const encoding = await new Promise<string | undefined>((resolve, reject) => {
      http.get(`${base}/json`, { headers: { 'accept-encoding': 'br' } }, (response) => {
        response.resume();
        resolve(response.headers['content-encoding']);
      }).on('error', reject);
    });
    expect(encoding).toBe('br');
  });
});
