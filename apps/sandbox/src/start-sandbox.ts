import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSandboxApp } from './app.js';
import { createContext, type SandboxContext } from './context.js';
import { createState } from './create-state.js';
import { createTestCa } from './crypto/test-ca.js';
import { sandboxDescriptor, type SandboxDescriptor } from './descriptor.js';
import { DEFAULT_FAULTS, type SandboxOptions } from './options.js';
import { loadSandbox, saveSandbox } from './persistence.js';
import { EVIDENCE, PROFILES, type SandboxProfile } from './profile.js';

export interface RunningSandbox {
  descriptor: SandboxDescriptor;
  context: SandboxContext;
  close(): Promise<void>;
}

/**
 * Starts the sandbox on 127.0.0.1 (never another interface) and answers its descriptor. With `https` it serves TLS with a
 * certificate of a test CA made now; its own calls to itself (find destination redeeming a SAML assertion at S/4's token
 * service, toLoopback) then go to a second, internal plain-http listener, because node's fetch trusts no CA given at run time.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const { state, secrets } = (options.stateFile && loadSandbox(options.stateFile)) || createState(options);
  let baseUrl = '';
  const context = createContext(state, secrets, { ...DEFAULT_FAULTS, ...options.faults }, () => baseUrl, profileOf(options.profile));
  const save = () => options.stateFile && saveSandbox(options.stateFile, { state, secrets });
  save();
  const app = createSandboxApp(context, save);
  const tls = options.https ? createTestCa() : null;
  const server = await listen(
    tls ? createHttpsServer({ key: tls.serverPrivateKeyPem, cert: tls.serverCertificatePem }, app) : createHttpServer(app),
    options.port ?? 0,
  );
  baseUrl = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const servers = [server];
  if (tls) {
    context.tls = { caCertificatePem: tls.caCertificatePem };
    const internal = await listen(createHttpServer(app), 0);
    servers.push(internal);
    const internalBaseUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`;
    const publicLoopback = context.toLoopback;
    context.toLoopback = (url) => {
      const loopback = publicLoopback(url);
      return loopback === null ? null : internalBaseUrl + loopback.slice(baseUrl.length);
    };
  }
  return {
    descriptor: sandboxDescriptor(context),
    context,
    close: () => Promise.all(servers.map(close)).then(() => undefined),
  };
}

function listen(server: Server, port: number): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Hanging requests (fault injection) would keep the server open forever.
    server.closeAllConnections();
  });
}

function profileOf(profile: SandboxOptions['profile']): SandboxProfile {
  if (typeof profile === 'string') return { ...PROFILES[profile] };
  return { ...EVIDENCE, ...profile };
}
