import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '@tcc/sandbox';
import type { AutomationRun } from '@tcc/shared';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/auth/bootstrap-users.js';
import { apiClient, type ApiClient } from './test-server.js';

/**
 * One sandbox in the test process for several server processes (SANDBOX=external, SANDBOX_DESCRIPTOR=descriptorFile),
 * with the fault and count controls the multi-instance tests use.
 */
export async function startSharedSandbox(latencyMs: number) {
  const sandbox: RunningSandbox = await startSandbox({ faults: { latencyMs } });
  const descriptorFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-shared-sandbox-')), 'sandbox.json');
  fs.writeFileSync(descriptorFile, JSON.stringify(sandbox.descriptor));
  const control = `${sandbox.descriptor.baseUrl}/sandbox`;
  return {
    sandbox,
    descriptorFile,
    /** SAP calls the sandbox has answered so far. */
    calls: async () => ((await (await fetch(`${control}/stats`)).json()) as { calls: number }).calls,
    setLatency: (ms: number) => fetch(`${control}/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: ms }) }),
  };
}

/** The demo admin signed in on `baseUrl`, and the path of the seeded "Sandbox demo" connection. */
export async function signedInOnDemo(baseUrl: string): Promise<{ api: ApiClient; base: string }> {
  const api = apiClient(baseUrl);
  await api.signIn('demo-admin', DEMO_PASSWORD);
  const tenant = (await api.get('/api/tenants?pageSize=100')).body.items.find((t: { name: string }) => t.name === 'Sandbox demo');
  const connection = (await api.get(`/api/tenants/${tenant.id}/connections`)).body.items[0];
  return { api, base: `/api/tenants/${tenant.id}/connections/${connection.id}` };
}

/** Saves the sandbox's credentials on the connection, as an admin copies them from the cockpit. */
export async function saveSandboxCredentials(api: ApiClient, base: string, sandbox: RunningSandbox) {
  const saved = await api.put(`${base}/credentials`, {
    destinationServiceKey: JSON.stringify(sandbox.descriptor.btp.destinationServiceKey),
    communicationManagementUser: sandbox.descriptor.s4.communicationManagement.user,
    communicationManagementPassword: sandbox.descriptor.s4.communicationManagement.password,
    generateTaskCenterUserPassword: true,
    version: (await api.get(base)).body.version,
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}

/** The connection's latest run once it is no longer running (or after `withinMs`, as it is then). */
export async function untilRunEnded(api: ApiClient, base: string, withinMs = 30_000): Promise<AutomationRun> {
  let run = (await api.get(`${base}/automation/runs/latest`)).body as AutomationRun;
  const deadline = Date.now() + withinMs;
  while (run.status === 'running' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    run = (await api.get(`${base}/automation/runs/latest`)).body as AutomationRun;
  }
  return run;
}

/** Exactly one of each SAP object the setup makes, as the sandbox holds them. */
export function expectOneOfEachSapObject(sandbox: RunningSandbox) {
  const s4 = sandbox.context.state.s4;
  const count = <T>(items: Iterable<T>, keep: (item: T) => boolean) => [...items].filter(keep).length;
  expect(count(s4.communicationUsers.values(), (u) => u.Name === 'TASK_CENTER_USER')).toBe(1);
  expect(count(s4.communicationSystems.values(), (s) => s.ID === 'TASK_CENTER')).toBe(1);
  const system = [...s4.communicationSystems.values()].find((s) => s.ID === 'TASK_CENTER')!;
  expect(count(s4.inboundUsers.values(), (u) => u.CommunicationSystemUUID === system.UUID)).toBe(1);
  expect(count(s4.arrangements.values(), (a) => a.CommunicationScenarioID === 'SAP_COM_0501')).toBe(1);
  expect(count(sandbox.context.state.btp.destinations.values(), (d) => d['tc.enabled'] === 'true')).toBe(1);
}
