import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxApp } from './app.js';
import { createContext, type SandboxContext } from './context.js';
import { createState } from './create-state.js';
import { sandboxDescriptor, type SandboxDescriptor } from './descriptor.js';
import { DEFAULT_FAULTS, type SandboxOptions } from './options.js';
import { loadSandbox, saveSandbox } from './persistence.js';
import { EVIDENCE, PROFILES, type SandboxProfile } from './profile.js';

export interface RunningSandbox {
  descriptor: SandboxDescriptor;
  context: SandboxContext;
  close(): Promise<void>;
}

/** Starts the sandbox on 127.0.0.1 (never another interface) and answers its descriptor. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const { state, secrets } = (options.stateFile && loadSandbox(options.stateFile)) || createState(options);
  let baseUrl = '';
  const context = createContext(state, secrets, { ...DEFAULT_FAULTS, ...options.faults }, () => baseUrl, profileOf(options.profile));
  const save = () => options.stateFile && saveSandbox(options.stateFile, { state, secrets });
  save();
  const app = createSandboxApp(context, save);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port ?? 0, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    descriptor: sandboxDescriptor(context),
    context,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hanging requests (fault injection) would keep the server open forever.
        server.closeAllConnections();
      }),
  };
}

function profileOf(profile: SandboxOptions['profile']): SandboxProfile {
  if (typeof profile === 'string') return { ...PROFILES[profile] };
  return { ...EVIDENCE, ...profile };
}
