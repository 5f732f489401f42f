import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkServerIdentity, connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/start-sandbox.js';
import { DESTINATION } from './support/manual-setup.js';

/**
 * Acceptance: SAP's own client still reads the Task Center destination from the sandbox and writes with CSRF, now over
 * https where the SDK insists on it. With a user JWT the SDK sends its token calls to https://<uaadomain>/oauth/token
 * and checks the certificate with its own agent (sap-cloud-sdk.md), so the sandbox serves https with a test CA and the
 * SDK runs in a child process that trusts that CA through NODE_EXTRA_CA_CERTS (read only at process start).
 */
const SANDBOX_DIR = path.resolve(import.meta.dirname, '..');
const CLIENT = path.join(import.meta.dirname, 'support', 'sdk-https-client.ts');

let sb: RunningSandbox;
let dir: string;
let caFile: string;
beforeAll(async () => {
  sb = await startSandbox({ https: true });
  dir = mkdtempSync(path.join(tmpdir(), 'sandbox-https-'));
  caFile = path.join(dir, 'sandbox-ca.pem');
  writeFileSync(caFile, sb.descriptor.tls!.caCertificatePem);
});
afterAll(async () => {
  await sb?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface ClientRun {
  code: number | null;
  stdout: string;
  stderr: string;
  result: any; // the child's report, checked field by field
}

/** Runs the app side in a fresh node process that trusts only the sandbox's CA (no NODE_TLS_REJECT_UNAUTHORIZED). */
function runClient(env: Record<string, string>): Promise<ClientRun> {
  const { NODE_TLS_REJECT_UNAUTHORIZED: _ignored, ...inherited } = process.env;
  const key = sb.descriptor.btp.loopbackDestinationServiceKey;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLIENT], {
      cwd: SANDBOX_DIR,
      env: {
        ...inherited,
        NODE_EXTRA_CA_CERTS: caFile,
        VCAP_SERVICES: JSON.stringify({ destination: [{ name: 'destination', label: 'destination', tags: ['destination'], credentials: key }] }),
        SANDBOX_DESCRIPTOR: JSON.stringify(sb.descriptor),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      resolve({ code, stdout, stderr, result: line ? JSON.parse(line.slice('RESULT '.length)) : null });
    });
  });
}

/** The certificate the sandbox presents to a client that trusts `ca` and connects by `servername`. */
function handshake(servername: string, ca?: string): Promise<{ authorized: boolean; error?: string; identityError?: string; subjectaltname?: string }> {
  const port = Number(new URL(sb.descriptor.baseUrl).port);
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, servername: servername === '127.0.0.1' ? undefined : servername, ca, rejectUnauthorized: false }, () => {
      const verifyError = socket.authorizationError;
      const certificate = socket.getPeerCertificate();
      socket.end();
      // authorized is the chain check; checkServerIdentity is the name check https clients apply on top of it.
      const identityError = checkServerIdentity(servername, certificate)?.message;
      resolve({ authorized: socket.authorized, error: verifyError ? String(verifyError) : undefined, identityError, subjectaltname: certificate.subjectaltname });
    });
    socket.on('error', (error) => resolve({ authorized: false, error: error.message }));
  });
}

describe('the sandbox over https', () => {
  it('when started without options, then it still serves plain http and has no test CA', async () => {
    const plain = await startSandbox();
    try {
      expect(plain.descriptor.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(plain.descriptor.tls).toBeUndefined();
      expect((await fetch(`${plain.descriptor.baseUrl}/token_keys`)).status).toBe(200);
    } finally {
      await plain.close();
    }
  });

  it('when started with https, then its URLs and the loopback service key are https on 127.0.0.1 and the descriptor carries the CA', () => {
    const port = new URL(sb.descriptor.baseUrl).port;
    expect(sb.descriptor.baseUrl).toBe(`https://127.0.0.1:${port}`);
    const key = sb.descriptor.btp.loopbackDestinationServiceKey;
    expect(key.url).toBe(sb.descriptor.baseUrl);
    expect(key.uri).toBe(sb.descriptor.baseUrl);
    expect(key.uaadomain).toBe(`127.0.0.1:${port}`);
    expect(sb.descriptor.tls!.caCertificatePem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n?$/);
  });

  it('when a client trusts the CA, then the certificate verifies for 127.0.0.1 and localhost; without it, it does not', async () => {
    const ca = sb.descriptor.tls!.caCertificatePem;
    const byIp = await handshake('127.0.0.1', ca);
    expect(byIp).toMatchObject({ authorized: true, error: undefined, identityError: undefined });
    expect(byIp.subjectaltname).toContain('IP Address:127.0.0.1');
    expect(byIp.subjectaltname).toContain('DNS:localhost');
    expect(await handshake('localhost', ca)).toMatchObject({ authorized: true, identityError: undefined });
    expect((await handshake('example.com', ca)).identityError).toMatch(/not in the cert's altnames/);
    expect(await handshake('127.0.0.1')).toMatchObject({ authorized: false, error: expect.stringMatching(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to verify/i) });
    // This process did not start with NODE_EXTRA_CA_CERTS: its fetch refuses the sandbox, as an untrusting client must.
    await expect(fetch(`${sb.descriptor.baseUrl}/token_keys`)).rejects.toThrow();
  });

  it('when a client speaks plain http to the https port, then it gets no HTTP answer', async () => {
    const port = Number(new URL(sb.descriptor.baseUrl).port);
    const outcome = await new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/token_keys' }, (res) => resolve(`status ${res.statusCode}`));
      req.on('error', (error) => resolve(`error ${error.message}`));
      req.end();
    });
    expect(outcome).toMatch(/^error /);
  });
});

describe('SAP Cloud SDK against the sandbox over https (child process trusting the test CA)', () => {
  const basicDestination = `SAP_COM_0A48_HTTPS_${randomUUID().slice(0, 8)}`;
  const newUser = `SDKHTTPS${randomUUID().slice(0, 8).toUpperCase()}`;
  let run: ClientRun;
  beforeAll(async () => {
    run = await runClient({ BASIC_DESTINATION: basicDestination, NEW_COMMUNICATION_USER: newUser });
  }, 120_000);

  it('when the child runs, then it trusts the sandbox only through NODE_EXTRA_CA_CERTS and sets the sandbox up by hand over https', () => {
    expect(run.result, `child exit ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`).not.toBeNull();
    expect(run.code).toBe(0);
    expect(run.result.nodeExtraCaCerts).toBe(caFile);
    expect(run.result.tlsRejectUnauthorized).toBeNull();
    expect(run.result.setup).toBe('done');
    expect(sb.context.state.btp.destinations.get(DESTINATION)?.Authentication).toBe('OAuth2SAMLBearerAssertion');
    expect(run.result.user.gotJwt).toBe(true);
  });

  it('when the SDK gets the Task Center destination with a user JWT, then it returns it with a SAML bearer token from S/4', () => {
    const found = run.result.samlDestination;
    expect(found, JSON.stringify(run.result)).not.toBeNull();
    expect(found.error).toBeUndefined();
    expect(found.name).toBe(DESTINATION);
    expect(found.authentication).toBe('OAuth2SAMLBearerAssertion');
    expect(found.url).toBe(`https://${sb.descriptor.s4.apiHost}/`);
    expect(found.authTokens).toBe(1);
    expect(found.token.error).toBeNull();
    expect(found.token.type).toMatch(/^bearer$/i);
    expect(found.token.value).toMatch(/\S{16,}/);
    expect(found.token.header).toEqual({ key: 'Authorization', value: `Bearer ${found.token.value}` });
  });

  it("when the SDK has a user JWT, then it exchanges it at the sandbox's XSUAA over https (x-zid) and finds the destination over https", () => {
    const calls: { method: string; protocol: string; host: string; path: string; xZid: string | null }[] = run.result.sdkCalls.samlDestination;
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.protocol === 'https:' && c.host === '127.0.0.1'), JSON.stringify(calls)).toBe(true);
    // The user-token token call goes to https://<uaadomain>/oauth/token with the tenant in x-zid (sap-cloud-sdk.md).
    expect(calls).toContainEqual(expect.objectContaining({ method: 'POST', path: '/oauth/token', xZid: sb.context.state.btp.zoneId }));
    expect(calls).toContainEqual(expect.objectContaining({ method: 'GET', path: `/destination-configuration/v1/destinations/${DESTINATION}` }));
  });

  it("when the token is sent to S/4's task service over https, then it opens the user's tasks", () => {
    expect(run.result.tasks, JSON.stringify(run.result)).toMatchObject({ status: 200 });
    expect(run.result.tasks.recipients.length).toBeGreaterThan(0);
    expect(new Set(run.result.tasks.recipients)).toEqual(new Set([run.result.user.userUuid]));
  });

  it('when the SDK posts through a Basic destination to SAP_COM_0A48 over https, then CSRF is handled and the user exists', () => {
    expect(run.result.basicDestinationCreated).toBe(201);
    expect(run.result.csrfWrite, JSON.stringify(run.result)).toMatchObject({ status: 201, name: newUser });
    const created = [...sb.context.state.s4.communicationUsers.values()].find((u) => u.Name === newUser);
    expect(created).toBeDefined();
    // A POST without a valid token is refused (communication-management.test.ts), so a 201 means the SDK fetched one.
    expect(sb.context.state.s4.csrfTokens.size).toBeGreaterThan(0);
  });

  it('when the SDK writes, then it fetches the CSRF token with HEAD and sends it with the POST, all over https', () => {
    const calls: { method: string; protocol: string; path: string; csrf: string | null }[] = run.result.sdkCalls.csrfWrite;
    expect(calls.every((c) => c.protocol === 'https:'), JSON.stringify(calls)).toBe(true);
    const head = calls.findIndex((c) => c.method === 'HEAD' && c.csrf === 'Fetch' && c.path.includes('/CommunicationUsers'));
    const post = calls.findIndex((c) => c.method === 'POST' && c.path.endsWith('/CommunicationUsers'));
    expect(head, JSON.stringify(calls)).toBeGreaterThanOrEqual(0);
    expect(post).toBeGreaterThan(head);
    expect(calls[post]!.csrf).toMatch(/^(?!Fetch$)\S{16,}$/);
  });
});
