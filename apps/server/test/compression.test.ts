import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startTestServer, type TestServer } from './support/test-server.js';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** node:http rather than fetch: fetch negotiates and decodes compression itself, hiding what the server sent. */
function rawGet(url: string, acceptEncoding?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
  });
}

const decode = ({ headers, body }: RawAnswer) =>
  headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(body) : headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(body) : body;

// A web build in miniature: what apps/web's `npm run build` leaves (scripts/precompress.mjs writes the .br and .gz).
const script = `export const answer = ${JSON.stringify('forty-two '.repeat(400))};\n`;
const page = `<!doctype html><html><head><title>Task Center Connect</title></head><body><div id="root"></div>${'<!-- padding -->'.repeat(100)}</body></html>`;
let webDist: string;
let server: TestServer;

beforeAll(async () => {
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-web-dist-'));
  fs.mkdirSync(path.join(webDist, 'assets'));
  fs.writeFileSync(path.join(webDist, 'index.html'), page);
  const asset = path.join(webDist, 'assets/index-AbC123.js');
  fs.writeFileSync(asset, script);
  fs.writeFileSync(`${asset}.br`, zlib.brotliCompressSync(script));
  fs.writeFileSync(`${asset}.gz`, zlib.gzipSync(script, { level: 9 }));
  fs.writeFileSync(path.join(webDist, 'assets/only-plain-XyZ789.js'), script);
  server = await startTestServer(undefined, { WEB_DIST: webDist });
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(webDist, { recursive: true, force: true });
});

describe('compressed answers (issue 11)', () => {
  it('when a client accepts brotli or gzip, then a JSON API answer comes compressed that way and decodes to the same JSON', async () => {
    const plain = await rawGet(`${server.baseUrl}/api/openapi.json`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const answer = await rawGet(`${server.baseUrl}/api/openapi.json`, accept);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBe(encoding);
      expect(answer.headers.vary).toMatch(/accept-encoding/i);
      expect(answer.body.length).toBeLessThan(plain.body.length / 3);
      expect(JSON.parse(decode(answer).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
    }
  });

  it('when a client accepts brotli, then a built script is the precompressed .br file, cached as immutable', async () => {
    const answer = await rawGet(`${server.baseUrl}/assets/index-AbC123.js`, 'gzip, deflate, br');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(answer.headers.vary).toMatch(/accept-encoding/i);
    expect(answer.body.equals(fs.readFileSync(path.join(webDist, 'assets/index-AbC123.js.br')))).toBe(true);
    expect(decode(answer).toString('utf8')).toBe(script);
  });

  it('when a client accepts only gzip, then it gets the .gz file; with no encoding accepted, the plain script', async () => {
    const gzip = await rawGet(`${server.baseUrl}/assets/index-AbC123.js`, 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(decode(gzip).toString('utf8')).toBe(script);
    const plain = await rawGet(`${server.baseUrl}/assets/index-AbC123.js`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toMatch(/^text\/javascript/);
    expect(plain.body.toString('utf8')).toBe(script);
  });

  it('when a script has no precompressed file, then it is compressed on the fly; a missing one is a 404, not the page', async () => {
    const answer = await rawGet(`${server.baseUrl}/assets/only-plain-XyZ789.js`, 'br');
    expect(answer.headers['content-encoding']).toBe('br');
    expect(decode(answer).toString('utf8')).toBe(script);
    const missing = await rawGet(`${server.baseUrl}/assets/index-Gone00.js`, 'br');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('when a page of the app is asked for, then index.html comes compressed and is revalidated on every load', async () => {
    const answer = await rawGet(`${server.baseUrl}/tenants/some-tenant`, 'gzip, deflate, br');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['cache-control']).toBe('no-cache');
    expect(decode(answer).toString('utf8')).toBe(page);
  });
});
