/**
 * `npm run bench:checks`: scheduled health checks of many connections (BENCH_CONNECTIONS, default 1,000) against the
 * sandbox with 100 ms added to every SAP call, beside the lower bound the per-host concurrency limit allows — both from
 * the same run.
 *
 * Setup (fast, no latency): one assisted setup through the API, then n−1 tenants with one connection each to the same
 * sandbox subaccount and S/4HANA system (one connection per subaccount/system pair and tenant is all the store allows),
 * created through the API with the same credentials; their wizard steps and certificate are copied in the store (what
 * setup would have recorded for these very SAP objects). Every connection is then checked with real SAP calls over HTTP.
 * Measure: the server restarts with HEALTH_CHECKS=on while every check is due (a backlog, as after an outage) and the
 * sandbox adds 100 ms to every SAP call; the time is from the start until the last check is recorded.
 * The sandbox runs in its own process (SANDBOX=external), as SAP is remote: its CPU (SAML signing, token checks) is not
 * the server's, and the memory reported is the server's (this process: the server and the bench's polling).
 */
import { spawn } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import fs from 'node:fs';
import type { ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AutomationRun } from '@tcc/shared';
import { DEMO_PASSWORD } from '../src/auth/bootstrap-users.js';
import { composeApp } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

const LATENCY_MS = 100;
const N = Number(process.env.BENCH_CONNECTIONS ?? 1000);
const TASK_CENTER_PASSWORD = 'Task-Center-Bench-2026!x';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-bench-checks-'));
const descriptorFile = path.join(dataDir, 'sandbox.json');
const env = (more: Record<string, string>) => ({ DATA_DIR: dataDir, SANDBOX: 'external', SANDBOX_DESCRIPTOR: descriptorFile, LOG_LEVEL: 'silent', ...more });

const repo = path.resolve(import.meta.dirname, '../../..');
const sandboxProcess = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'apps/sandbox/src/cli.ts')], {
  cwd: repo,
  env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_DESCRIPTOR: descriptorFile },
  stdio: ['ignore', 'ignore', 'inherit'],
});
process.on('exit', () => sandboxProcess.kill());
while (!fs.existsSync(descriptorFile)) await new Promise((resolve) => setTimeout(resolve, 50));
await new Promise((resolve) => setTimeout(resolve, 100));
const sandboxUrl = (JSON.parse(fs.readFileSync(descriptorFile, 'utf8')) as { baseUrl: string }).baseUrl;
const control = async (method: string, what: string, body?: unknown) =>
  (await fetch(`${sandboxUrl}/sandbox/${what}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })).json() as Promise<any>;

async function start(more: Record<string, string>) {
  const composed = await composeApp(loadConfig(env(more)), createLogger('silent'), () => {});
  const server = composed.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let cookie = '';
  let csrf = '';
  async function api(method: string, url: string, body?: unknown) {
    const answer = await fetch(base + url, { method, headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: body === undefined ? undefined : JSON.stringify(body) });
    cookie = answer.headers.get('set-cookie')?.split(';')[0] ?? cookie;
    const json = answer.status === 204 ? null : await answer.json();
    if (!answer.ok) throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(json)}`);
    return json as any;
  }
  csrf = (await api('POST', '/api/auth/sign-in', { username: 'demo-admin', password: DEMO_PASSWORD })).csrfToken;
  const stop = async () => {
    server.close();
    server.closeAllConnections();
    await composed.close();
  };
  return { composed, api, stop };
}

// ---- setup: no latency, no scheduled checks ----
const setupStart = Date.now();
const a = await start({ HEALTH_CHECKS: 'off' });
const sandbox = await control('GET', 'descriptor');
const tenant = (await a.api('GET', '/api/tenants')).items[0];
const first = (await a.api('GET', `/api/tenants/${tenant.id}/connections`)).items[0];
const credentials = {
  destinationServiceKey: JSON.stringify(sandbox.btp.destinationServiceKey),
  communicationManagementUser: sandbox.s4.communicationManagement.user,
  communicationManagementPassword: sandbox.s4.communicationManagement.password,
  taskCenterUserPassword: TASK_CENTER_PASSWORD,
};
const firstPath = `/api/tenants/${tenant.id}/connections/${first.id}`;
await a.api('PUT', `${firstPath}/credentials`, { ...credentials, version: first.version });
await a.api('POST', `${firstPath}/automation/runs`, { confirmChanges: false });
let run: AutomationRun = await a.api('GET', `${firstPath}/automation/runs/latest`);
while (run.status === 'running') {
  await new Promise((resolve) => setTimeout(resolve, 10));
  run = await a.api('GET', `${firstPath}/automation/runs/latest`);
}
if (run.status !== 'succeeded') throw new Error(`the assisted setup ${run.status}: ${run.error}`);
const original = (await a.composed.store.getConnection(tenant.id, first.id))!;

const connections: { tenantId: string; connectionId: string }[] = [{ tenantId: tenant.id, connectionId: first.id }];
let next = 1;
async function createOne() {
  while (next < N) {
    const i = next++;
    const t = await a.api('POST', '/api/tenants', { name: `Bench ${String(i).padStart(4, '0')}` });
    const c = await a.api('POST', `/api/tenants/${t.id}/connections`, {
      displayName: 'Sandbox',
      subaccountId: sandbox.btp.subaccountId,
      landscapeDomain: sandbox.btp.landscapeDomain,
      s4Host: sandbox.s4.uiHost,
      s4Client: sandbox.s4.client,
      sandbox: true,
    });
    await a.api('PUT', `/api/tenants/${t.id}/connections/${c.id}/credentials`, { ...credentials, version: c.version });
    const { version } = await a.api('GET', `/api/tenants/${t.id}/connections/${c.id}`);
    const changed = await a.composed.store.changeConnection(t.id, c.id, version, { steps: original.steps, certificate: original.certificate ?? undefined }, { at: new Date().toISOString(), by: 'bench' });
    if (changed !== 'changed') throw new Error(`copying the steps: ${changed}`);
    connections.push({ tenantId: t.id, connectionId: c.id });
  }
}
await Promise.all(Array.from({ length: 8 }, createOne));
// Every connection due now: a backlog the scheduler must drain at start.
const dueAt = new Date().toISOString();
await a.composed.store.scheduleUnscheduledConnections(() => dueAt, N + 10);
await a.stop();
console.log(`setup: ${N} connections (1 assisted setup, ${N - 1} copies) in ${Date.now() - setupStart} ms`);

// ---- measure: 100 ms per SAP call, scheduled checks on ----
/** SAP calls per host, seen as the server sends them (guarded fetch → node:http, Host = the SAP host name). */
const callsPerHost = new Map<string, number>();
diagnostics.subscribe('http.client.request.start', (message) => {
  const host = String((message as { request: ClientRequest }).request.getHeader('host') ?? '?');
  callsPerHost.set(host, (callsPerHost.get(host) ?? 0) + 1);
});
/** How long each SAP call takes on the wire, per host (its slot is held at least that long); per path with BENCH_DEBUG. */
const wireMs = new Map<string, number[]>();
const hostWireMs = new Map<string, number[]>();
const startedAt = new WeakMap<object, number>();
diagnostics.subscribe('http.client.request.start', (message) => startedAt.set((message as { request: object }).request, performance.now()));
diagnostics.subscribe('http.client.response.finish', (message) => {
  const { request } = message as { request: ClientRequest };
  const started = startedAt.get(request);
  if (started === undefined) return;
  const host = `${request.method} ${String(request.getHeader('host')).split('.')[0]} ${request.path.split('?')[0]!.slice(0, 90)}`;
  const sapHost = String(request.getHeader('host'));
  if (!hostWireMs.has(sapHost)) hostWireMs.set(sapHost, []);
  hostWireMs.get(sapHost)!.push(performance.now() - started);
  if (!wireMs.has(host)) wireMs.set(host, []);
  wireMs.get(host)!.push(performance.now() - started);
});
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const sampler = setInterval(sample, 100);
await control('PUT', 'faults', { latencyMs: LATENCY_MS });
const servedBefore = (await control('GET', 'stats')).calls as number;
const t0 = Date.now();
const b = await start({ HEALTH_CHECKS: 'on' });
const config = loadConfig(env({}));
const perHost = config.HEALTH_MAX_CONCURRENT_PER_HOST;
// BENCH_DEBUG: how many checks the scheduler keeps in flight and how long each takes (from the first poll after start on).
const inFlightSamples: number[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
const checkMs: number[] = [];
if (process.env.BENCH_DEBUG) {
  const health = b.composed.health;
  const checkOne = health.checkOne;
  let inFlight = 0;
  health.checkOne = async (...args) => {
    inFlight += 1;
    const started = Date.now();
    try {
      return await checkOne(...args);
    } finally {
      inFlight -= 1;
      checkMs.push(Date.now() - started);
    }
  };
  setInterval(() => inFlightSamples.push(inFlight), 50).unref();
  loopDelay.enable();
}

/**
 * Polls the store, every few seconds and only for connections not seen checked yet (one at a time, so the bench's own
 * reads never hold the server's event loop for long), until every connection has a check recorded after t0.
 */
async function allChecked() {
  let open = connections;
  while (open.length) {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const still: typeof open = [];
    for (const c of open) {
      const h = await b.composed.store.getHealth(c.tenantId, c.connectionId);
      if (!(h?.lastCheckAt && Date.parse(h.lastCheckAt) >= t0)) still.push(c);
      await new Promise((resolve) => setImmediate(resolve));
    }
    open = still;
    if (Date.now() - t0 > 15 * 60_000) throw new Error(`only ${connections.length - open.length} of ${connections.length} checked after 15 minutes`);
  }
  return Promise.all(connections.map(async ({ tenantId, connectionId }) => (await b.composed.store.getHealth(tenantId, connectionId))!));
}
const healths = await allChecked();
const wallMs = Math.max(...healths.map((h) => Date.parse(h.lastCheckAt!))) - t0;
clearInterval(sampler);
sample();
await b.stop();

const states = new Map<string, number>();
const codes = new Map<string, number>();
for (const h of healths) {
  states.set(h.state, (states.get(h.state) ?? 0) + 1);
  for (const f of h.findings) codes.set(f.code, (codes.get(f.code) ?? 0) + 1);
}
/*
 * Lower bound: at most `perHost` calls are in flight per SAP host, and each takes at least the injected latency, so the
 * calls to host h need at least calls(h) × latency ÷ perHost of wall time, whatever the order. calls(h) is counted from
 * this run (calls per check × n, retries included); the hosts are limited independently, so the binding host — the one
 * with the most calls — sets the bound: max over h of calls(h) × latency ÷ perHost. A call to h that waits for a nested
 * SAP call (find destination) holds h's slot for both latencies, so the nested calls count for h.
 */
const served = ((await control('GET', 'stats')).calls as number) - servedBefore;
const sent = [...callsPerHost.values()].reduce((sum, calls) => sum + calls, 0);
// Find destination redeems the SAML assertion at S/4's token service itself (sandbox find-destination.ts, as the
// Destination service does): that nested call's latency passes while the product's call holds a Destination-host slot.
const destinationHost = new URL(sandbox.btp.destinationServiceKey.uri).host;
const nested = Math.max(0, served - sent);
const latenciesPerHost = new Map([...callsPerHost].map(([host, calls]) => [host, calls + (host === destinationHost ? nested : 0)]));
const hosts = [...latenciesPerHost.entries()].sort((x, y) => y[1] - x[1]);
const [bindingHost, bindingLatencies] = hosts[0] ?? ['?', 0];
const lowerBoundMs = (bindingLatencies * LATENCY_MS) / perHost;
const MB = 1024 * 1024;
console.log(`states: ${[...states].map(([s, c]) => `${s} ${c}`).join(', ')}${codes.size ? `; findings: ${[...codes].map(([s, c]) => `${s} ${c}`).join(', ')}` : ''}`);
for (const [host, latencies] of hosts) {
  const calls = callsPerHost.get(host)!;
  const wire = hostWireMs.get(host) ?? [];
  const meanMs = Math.round(wire.reduce((x, y) => x + y, 0) / Math.max(1, wire.length));
  console.log(`  ${host.padEnd(58)} ${calls} calls (${(calls / N).toFixed(2)} per check)${latencies > calls ? ` + ${latencies - calls} nested at S/4's token service` : ''}, mean ${meanMs} ms on the wire`);
}
if (process.env.BENCH_DEBUG) {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((x, y) => x + y, 0) / xs.length : 0);
  for (const [host, ms] of wireMs) console.log(`  ${host}: mean call ${Math.round(mean(ms))} ms on the wire`);
  console.log(`server event loop delay: mean ${(loopDelay.mean / 1e6).toFixed(1)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms`);
  console.log(`checks in flight: mean ${mean(inFlightSamples).toFixed(1)}, max ${Math.max(...inFlightSamples)}; check duration mean ${Math.round(mean(checkMs))} ms`);
}
console.log(`HEALTH_MAX_CONCURRENT_PER_HOST ${perHost}; binding host ${bindingHost}`);
console.log(`server memory: peak RSS ${Math.round(peakRss / MB)} MB, peak heap ${Math.round(peakHeap / MB)} MB`);
console.log(`health checks: ${N} connections in ${wallMs} ms, lower bound ${Math.round(lowerBoundMs)} ms, ratio ${(wallMs / lowerBoundMs).toFixed(2)}`);
clearInterval(sampler);
sandboxProcess.kill();
fs.rmSync(dataDir, { recursive: true, force: true });
