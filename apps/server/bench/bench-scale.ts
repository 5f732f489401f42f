/**
 * `npm run bench:scale`: the tenant, connection and audit lists at 100, 1,000 and 10,000 tenants and connections,
 * measured over HTTP against the real server (signed in), beside a bare Express route answering a JSON body of the same
 * size, in the same process and run. On SQLite, and on PostgreSQL when DATABASE_URL is set or a server answers at
 * 127.0.0.1:5432 (a fresh database is created on it for the run and dropped after; the one in DATABASE_URL is never
 * written to). BENCH_POSTGRES=off or BENCH_SQLITE=off skips one; BENCH_STAGES and BENCH_REQUESTS change the sizes and the sample.
 *
 * Seeding goes through the store layer: seedBulk (store/bulk-seed.ts) inserts the rows as the store writes them, in one
 * transaction per stage and 500 rows per INSERT, and recomputes the summaries the store maintains on write (steps
 * finished/failed, last change, certificate expiry), so the database reads like one built through the API in a few
 * seconds instead of 200,000 API calls. It opens its own Kysely handle on the same database (the server is idle then).
 *
 * Data, grown stage by stage (100 → 1,000 → 10,000): that many tenants, all the signed-in admin's; one "large" tenant
 * (first by name) with that many connections, and every other tenant with one; 19 steps per connection in varied
 * states, a certificate on half, health on 70 %, a test on a third; the large tenant's audit log holds 10 entries per
 * tenant (100,000 at 10,000), and 150,000 for the last export. Each variant is requested REQUESTS times after a
 * warm-up, one request at a time; p50 and p95 are printed, and how each grows from the first stage. Requests ask for
 * `Accept-Encoding: identity` on both servers: the comparison is of the app's work, not of gzip (which only the app
 * does). The headline's list p95 pools every connection-list variant at the last stage.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import express from 'express';
import { CompiledQuery, Kysely, PostgresDialect, sql, SqliteDialect, type KyselyConfig } from 'kysely';
import { CONNECTION_SORT_KEYS, STEP_CATALOGUE } from '@tcc/shared';
import { composeApp } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createKyselyStore } from '../src/store/kysely-store.js';
import { seedBulk, type BulkRows } from '../src/store/bulk-seed.js';
import type { Database } from '../src/store/schema.js';
import { SQLITE_FILE_NAME } from '../src/store/sqlite-store.js';

const STAGES = (process.env.BENCH_STAGES ?? '100,1000,10000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 20;
const AUDIT_PER_TENANT = 10;
const EXPORT_ENTRIES = 150_000;
const TARGET_P95_MS = 30;
const TARGET_RATIO = 3;
const ADMIN_PASSWORD = 'bench-admin-password-0001';
/** Two searches: 2 characters (no trigram, so a scan of the tenant's connections) and 3 (the trigram index, 0017). */
const SEARCH = '77';
const SEARCH_INDEXED = '077';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const pad = (i: number) => String(i).padStart(5, '0');
const ms = (value: number) => `${value.toFixed(1)} ms`;

function percentile(times: number[], q: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Times `call` REQUESTS times, one at a time, after WARMUP untimed calls. */
async function timed(call: () => Promise<unknown>, n = REQUESTS): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  return times;
}

interface Target {
  kind: 'sqlite' | 'postgres';
  env: Record<string, string>;
  /** A second handle on the same database, for seeding. */
  openDb(log?: KyselyConfig['log']): Kysely<Database>;
  cleanup(): Promise<void>;
}

function sqliteTarget(): Target {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-bench-scale-'));
  return {
    kind: 'sqlite',
    env: { DATA_DIR: dataDir },
    openDb: (log) => {
      const database = new SqliteDatabase(path.join(dataDir, SQLITE_FILE_NAME));
      database.pragma('busy_timeout = 5000');
      return new Kysely<Database>({ dialect: new SqliteDialect({ database }), log });
    },
    cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** A fresh database on the PostgreSQL server of DATABASE_URL (or the local one), or null when none answers. */
async function postgresTarget(): Promise<Target | null> {
  const pg = (await import('pg').catch(() => null))?.default;
  if (!pg) {
    console.log('PostgreSQL: skipped (the pg package is not installed)');
    return null;
  }
  const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const adminUrl = new URL(serverUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString(), connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL: skipped (no server answers at ${adminUrl.host}: ${(error as Error).message})`);
    return null;
  }
  const name = `tcc_bench_scale_${process.pid}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-bench-scale-pg-'));
  return {
    kind: 'postgres',
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    openDb: (log) => {
      const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
      pool.on('error', (error) => console.log(`PostgreSQL (seeding handle): ${error.message}`));
      return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
    },
    cleanup: async () => {
      const dropper = new pg.Client({ connectionString: adminUrl.toString() });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What a stage adds, as the store would have written it. */
function generate(rows: Required<BulkRows>, tenantId: string, index: number): string {
  const id = randomUUID();
  const changedAt = 3600 + (index % 50_000) * 60;
  const finished = index % 20;
  const failed = index % 17 === 0 && finished < STEP_CATALOGUE.length;
  const tested = index % 3 === 0;
  const outcome = index % 6 === 0 ? 'failed' : 'succeeded';
  rows.connections.push({
    id,
    tenant_id: tenantId,
    display_name: `Connection ${pad(index)}`,
    display_name_key: `connection ${pad(index)}`,
    subaccount_id: randomUUID(),
    landscape_domain: 'eu10.hana.ondemand.com',
    s4_ui_host: `my${900000 + index}.s4hana.ondemand.com`,
    s4_api_host: `my${900000 + index}-api.s4hana.ondemand.com`,
    s4_client: '100',
    is_sandbox: 0,
    last_test_json: tested ? JSON.stringify({ outcome, at: iso(changedAt + 30), message: 'bench', stepToFix: null, sapError: null }) : null,
    last_test_outcome: tested ? outcome : null,
    last_test_at: tested ? iso(changedAt + 30) : null,
    version: 1,
    created_at: iso(0),
    updated_at: iso(changedAt),
    updated_by: 'bench',
  });
  STEP_CATALOGUE.slice(0, finished).forEach((step, k) =>
    rows.steps.push({ connection_id: id, tenant_id: tenantId, step_id: step.id, status: k % 7 === 6 ? 'skipped' : 'done', values_json: '{}', note: k % 7 === 6 ? 'done elsewhere' : null, updated_at: iso(changedAt), updated_by: 'bench' }),
  );
  if (failed) rows.steps.push({ connection_id: id, tenant_id: tenantId, step_id: STEP_CATALOGUE[finished]!.id, status: 'failed', values_json: '{}', note: 'SAP answered 403', updated_at: iso(changedAt), updated_by: 'bench' });
  if (index % 2 === 0) {
    rows.certificates.push({
      connection_id: id,
      tenant_id: tenantId,
      file_name: 'trust.pem',
      pem: '-----BEGIN CERTIFICATE-----\nbench\n-----END CERTIFICATE-----\n',
      subject: `CN=cfapps.eu10.hana.ondemand.com/${id}`,
      cn: `cfapps.eu10.hana.ondemand.com/${id}`,
      issuer: 'CN=SAP Cloud Root CA',
      fingerprint_sha256: 'AA'.repeat(32),
      serial_number: String(index),
      not_before: iso(0),
      not_after: iso(86_400 * (30 + (index % 700))),
      key_type: 'RSA',
      key_size: 2048,
      self_signed: 0,
      uploaded_at: iso(changedAt),
      uploaded_by: 'bench',
    });
  }
  if (index % 10 < 7) {
    const state = (['healthy', 'warning', 'broken', 'healthy', 'unknown'] as const)[index % 5]!;
    rows.health.push({ connection_id: id, tenant_id: tenantId, state, since: iso(changedAt), findings_json: '[]', last_check_at: iso(changedAt + 60), next_check_at: iso(10 ** 9), consecutive_failures: 0 });
  }
  if (index % 50 === 0) {
    rows.runs.push({ id: randomUUID(), tenant_id: tenantId, connection_id: id, status: 'succeeded', started_at: iso(changedAt), finished_at: iso(changedAt + 2), started_by: 'bench', units_json: '[]', calls_json: '[]', error: null });
  }
  return id;
}

const emptyRows = (): Required<BulkRows> => ({ tenants: [], memberships: [], connections: [], steps: [], certificates: [], health: [], runs: [], audit: [] });

function auditRows(rows: Required<BulkRows>, tenantId: string, from: number, to: number, connectionIds: string[]) {
  for (let k = from; k < to; k++) {
    const result = k % 50 === 0 ? 'failed' : k % 23 === 0 ? 'refused' : 'ok';
    rows.audit.push({
      tenant_id: tenantId,
      at: iso(k * 10),
      actor: ['admin', 'alice', 'bob', 'carol'][k % 4]!,
      action: ['updateStep', 'saveCredentials', 'startAutomationRun', 'testConnection', 'createConnection'][k % 5]!,
      connection_id: connectionIds[k % connectionIds.length]!,
      object: `step ${(k % 19) + 1}`,
      result,
      detail: result === 'ok' ? null : 'FORBIDDEN',
    });
  }
}

type Figures = Map<string, { p50: number; p95: number; note: string; export?: { entries: number; rssMb: number; heapMb: number } }>;

async function runTarget(target: Target): Promise<Map<number, Figures>> {
  const log = createLogger('info', () => {}); // formats every line as in production, writes none
  const composed = await composeApp(loadConfig({ SANDBOX: 'off', HEALTH_CHECKS: 'off', INITIAL_ADMIN_PASSWORD: ADMIN_PASSWORD, WEB_DIST: '/nonexistent', ...target.env }), log, () => {});
  const server = composed.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bare = express();
  let bareBody: unknown = null;
  bare.get('/list', (_req, res) => void res.json(bareBody));
  const bareServer = bare.listen(0, '127.0.0.1');
  await new Promise((resolve) => bareServer.once('listening', resolve));
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/list`;

  const signIn = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
  if (!signIn.ok) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const get = async (url: string) => {
    const answer = await fetch(base + url, { headers: { cookie, 'accept-encoding': 'identity' } });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`GET ${url}: ${answer.status} ${text.slice(0, 300)}`);
    return text;
  };
  const getJson = async (url: string) => JSON.parse(await get(url)) as { items: { id: string }[]; total: number };

  const db = target.openDb();
  const adminId = (await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
  const large = randomUUID();
  const largeConnections: string[] = [];
  let tenants = 0;
  let auditEntries = 0;
  const results = new Map<number, Figures>();

  const growTo = async (stage: number, auditTarget: number) => {
    const started = performance.now();
    const rows = emptyRows();
    for (; tenants < stage; tenants++) {
      const id = tenants === 0 ? large : randomUUID();
      const name = tenants === 0 ? `Tenant ${pad(0)} (large)` : `Tenant ${pad(tenants)}`;
      rows.tenants.push({ id, name, name_key: name.toLowerCase(), created_at: iso(0), updated_at: iso((tenants * 7919) % 1_000_000), updated_by: 'bench' });
      rows.memberships.push({ tenant_id: id, user_id: adminId, role: 'admin' });
      if (tenants > 0) generate(rows, id, tenants);
    }
    while (largeConnections.length < stage) largeConnections.push(generate(rows, large, largeConnections.length));
    auditRows(rows, large, auditEntries, auditTarget, largeConnections);
    auditEntries = Math.max(auditEntries, auditTarget);
    await seedBulk(db, rows);
    // Seeding SQLite holds the event loop for seconds, past the server's keep-alive timeout: let the server close its idle
    // sockets now, before the next request, or the client reuses one as it closes (ECONNRESET).
    await new Promise((resolve) => setTimeout(resolve, 100));
    // As autovacuum would after so many inserts (PostgreSQL 13+ vacuums on inserts too): fresh statistics, which the
    // planner picks by, and the GIN indexes' pending lists merged (0017's trigram indexes look slow to the planner until then).
    if (target.kind === 'postgres') await sql`vacuum analyze`.execute(db);
    return performance.now() - started;
  };

  /** Streams the large tenant's CSV export; peak memory sampled, /api/health timed meanwhile (event-loop stalls). */
  const exportCsv = async () => {
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }, 5);
    let exporting = true;
    let healthMax = 0;
    const probe = (async () => {
      while (exporting) {
        const start = performance.now();
        await get('/api/health');
        healthMax = Math.max(healthMax, performance.now() - start);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const start = performance.now();
    const answer = await fetch(`${base}/api/tenants/${large}/audit.csv`, { headers: { cookie } });
    if (!answer.ok || !answer.body) throw new Error(`export: ${answer.status}`);
    let lines = 0;
    for await (const chunk of answer.body as unknown as AsyncIterable<Uint8Array>) {
      for (const byte of chunk) if (byte === 10) lines++;
    }
    const took = performance.now() - start;
    exporting = false;
    await probe;
    clearInterval(sampler);
    return { lines, took, rssMb: (peakRss - before.rss) / 2 ** 20, heapMb: (peakHeap - before.heapUsed) / 2 ** 20, healthMax };
  };

  for (const stage of STAGES) {
    const seeded = await growTo(stage, stage * AUDIT_PER_TENANT);
    const total = tenants - 1 + largeConnections.length;
    console.log(`[${target.kind}] ${stage} tenants, ${stage} connections in the large tenant (${total} in all), ${auditEntries} audit entries (seeded in ${(seeded / 1000).toFixed(1)} s)`);
    const figures: Figures = new Map();
    const measure = async (name: string, url: string) => {
      const page = await getJson(url);
      const times = await timed(() => get(url));
      figures.set(name, { p50: percentile(times, 0.5), p95: percentile(times, 0.95), note: `${page.items.length} of ${page.total}` });
      return times;
    };
    const lastPage = (count: number) => Math.max(1, Math.ceil(count / 25));
    await measure('tenants: first page', '/api/tenants');
    await measure('tenants: name descending', '/api/tenants?sort=name&order=desc');
    await measure('tenants: last page', `/api/tenants?page=${lastPage(tenants)}`);
    const connections = `/api/tenants/${large}/connections`;
    const listTimes: number[] = [];
    listTimes.push(...(await measure('connections: first page', connections)));
    listTimes.push(...(await measure(`connections: search "${SEARCH}"`, `${connections}?q=${SEARCH}`)));
    listTimes.push(...(await measure(`connections: search "${SEARCH_INDEXED}"`, `${connections}?q=${SEARCH_INDEXED}`)));
    for (const sort of CONNECTION_SORT_KEYS) {
      for (const order of ['asc', 'desc']) listTimes.push(...(await measure(`connections: sort ${sort} ${order}`, `${connections}?sort=${sort}&order=${order}`)));
    }
    listTimes.push(...(await measure('connections: last page', `${connections}?page=${lastPage(stage)}`)));
    figures.set('connections: all of the above', { p50: percentile(listTimes, 0.5), p95: percentile(listTimes, 0.95), note: `${listTimes.length} requests` });
    bareBody = JSON.parse(await get(connections));
    const bareTimes = await timed(async () => (await fetch(bareUrl, { headers: { 'accept-encoding': 'identity' } })).text());
    figures.set('bare Express, same body', { p50: percentile(bareTimes, 0.5), p95: percentile(bareTimes, 0.95), note: `${JSON.stringify(bareBody).length} bytes` });
    const audit = `/api/tenants/${large}/audit`;
    await measure('audit: first page', audit);
    await measure('audit: actor', `${audit}?actor=alice`);
    await measure('audit: action', `${audit}?action=testConnection`);
    await measure('audit: result failed', `${audit}?result=failed`);
    await measure('audit: connection', `${audit}?connectionId=${largeConnections[1]}`);
    await measure('audit: one hour', `${audit}?from=${iso(auditEntries * 5)}&to=${iso(auditEntries * 5 + 3600)}`);
    const csv = await exportCsv();
    figures.set('audit CSV export', { p50: csv.took, p95: csv.took, export: { entries: csv.lines - 1, rssMb: csv.rssMb, heapMb: csv.heapMb }, note: `${csv.lines - 1} entries, peak RSS +${csv.rssMb.toFixed(0)} MB, heap +${csv.heapMb.toFixed(0)} MB, /api/health max ${ms(csv.healthMax)}` });
    for (const [name, f] of figures) console.log(`  ${name.padEnd(42)} p50 ${ms(f.p50).padStart(9)}  p95 ${ms(f.p95).padStart(9)}   ${f.note}`);
    results.set(stage, figures);
  }

  await growTo(tenants, EXPORT_ENTRIES);
  const csv = await exportCsv();
  console.log(
    `[${target.kind}] audit CSV export of ${EXPORT_ENTRIES} entries: ${csv.lines - 1 === EXPORT_ENTRIES ? 'complete' : `INCOMPLETE (${csv.lines - 1} entries)`}, ` +
      `${ms(csv.took)}, peak RSS +${csv.rssMb.toFixed(0)} MB, heap +${csv.heapMb.toFixed(0)} MB, /api/health max ${ms(csv.healthMax)} meanwhile`,
  );

  if (process.env.BENCH_EXPLAIN) await explainPlans(target, adminId, large, largeConnections[1]!);
  await db.destroy();
  bareServer.close();
  server.close();
  server.closeAllConnections();
  await composed.close();
  return results;
}

/**
 * BENCH_EXPLAIN=1: the plan of every statement the store runs for the lists, on the seeded database (EXPLAIN QUERY PLAN
 * on SQLite, EXPLAIN on PostgreSQL), read from a second store on the same database that records its statements.
 */
async function explainPlans(target: Target, userId: string, tenantId: string, connectionId: string) {
  const captured: CompiledQuery[] = [];
  const db = target.openDb((event) => void (event.level === 'query' && captured.push(event.query)));
  const store = createKyselyStore(db, { kind: target.kind, duplicateOf: () => null });
  const page = { page: 1, pageSize: 25 } as const;
  const calls: [string, () => Promise<unknown>][] = [
    ['tenants, name descending', () => store.listTenants(userId, { ...page, sort: 'name', order: 'desc' })],
    ['tenants, last page', () => store.listTenants(userId, { sort: 'name', order: 'asc', page: 400, pageSize: 25 })],
    ...CONNECTION_SORT_KEYS.flatMap((sort) =>
      (['asc', 'desc'] as const).map((order): [string, () => Promise<unknown>] => [`connections by ${sort} ${order}`, () => store.listConnections(tenantId, { ...page, sort, order })]),
    ),
    ['connections, search (2 characters)', () => store.listConnections(tenantId, { ...page, sort: 'displayName', order: 'asc', q: SEARCH })],
    ['connections, search (3 characters)', () => store.listConnections(tenantId, { ...page, sort: 'displayName', order: 'asc', q: SEARCH_INDEXED })],
    ['audit, first page', () => store.listAudit(tenantId, {}, { limit: 25, offset: 0 })],
    ['audit, by connection', () => store.listAudit(tenantId, { connectionId }, { limit: 25, offset: 0 })],
    ['audit, export batch', () => store.listAudit(tenantId, {}, { limit: 1000, offset: 0, beforeId: 50_000, count: false })],
  ];
  for (const [name, call] of calls) {
    captured.length = 0;
    await call();
    console.log(`--- ${name}`);
    for (const query of [...captured]) {
      const plan = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`${target.kind === 'sqlite' ? 'explain query plan' : 'explain'} ${query.sql}`, [...query.parameters]));
      console.log(`  ${query.sql.slice(0, 160).replace(/\s+/g, ' ')}${query.sql.length > 160 ? '…' : ''}`);
      for (const row of plan.rows) console.log(`      ${String(row.detail ?? row['QUERY PLAN'])}`);
    }
  }
  await db.destroy();
}

/** p95 at each stage and its growth from the first: the lists should cost O(page), so stay flat. */
function printGrowth(kind: string, results: Map<number, Figures>) {
  const stages = [...results.keys()];
  console.log(`[${kind}] p95 (p50) in ms by stage (tenants = connections in the large tenant), growth of p95 (p50) from ${stages[0]}:`);
  console.log(`  ${''.padEnd(42)} ${stages.map((s) => String(s).padStart(14)).join(' ')}   growth`);
  for (const name of results.get(stages[0]!)!.keys()) {
    const at = stages.map((s) => results.get(s)!.get(name)!);
    const growth = (q: 'p50' | 'p95') => at[at.length - 1]![q] / at[0]![q];
    const flag = name.startsWith('bare') || name.startsWith('audit CSV') ? '' : growth('p95') > 2 ? '  > 2x' : '';
    const cells = at.map((f) => `${f.p95.toFixed(1)} (${f.p50.toFixed(1)})`.padStart(14)).join(' ');
    console.log(`  ${name.padEnd(42)} ${cells}   ${growth('p95').toFixed(2)}x (${growth('p50').toFixed(2)}x)${flag}`);
  }
  // The export's time grows with the entries it writes (10 per tenant here); per entry, and its memory, it should not.
  const exports = stages.map((s) => results.get(s)!.get('audit CSV export')!);
  const perThousand = exports.map((f) => (f.p50 / f.export!.entries) * 1000);
  console.log(
    `  audit CSV export per 1,000 entries: ${perThousand.map((t) => ms(t)).join(' / ')} (growth ${(perThousand.at(-1)! / perThousand[0]!).toFixed(2)}x); ` +
      `peak RSS ${exports.map((f) => `+${f.export!.rssMb.toFixed(0)}`).join(' / ')} MB, heap ${exports.map((f) => `+${f.export!.heapMb.toFixed(0)}`).join(' / ')} MB`,
  );
}

const headline = (results: Map<number, Figures>) => {
  const last = results.get(Math.max(...results.keys()))!;
  const list = last.get('connections: all of the above')!.p95;
  const bareP95 = last.get('bare Express, same body')!.p95;
  return { list, bare: bareP95, ratio: list / bareP95, connections: Math.max(...results.keys()) };
};

const sqlite = process.env.BENCH_SQLITE === 'off' ? null : sqliteTarget();
const sqliteResults = sqlite ? await runTarget(sqlite).finally(() => sqlite.cleanup()) : null;
if (sqliteResults) printGrowth('sqlite', sqliteResults);
const pgTarget = process.env.BENCH_POSTGRES === 'off' ? null : await postgresTarget();
const pgResults = pgTarget ? await runTarget(pgTarget).finally(() => pgTarget.cleanup()) : null;
if (pgResults) printGrowth('postgres', pgResults);
if (pgResults && sqliteResults) {
  const pgLine = headline(pgResults);
  console.log(`postgres: connection list p95 ${pgLine.list.toFixed(1)} ms at ${pgLine.connections} connections, bare-express p95 ${pgLine.bare.toFixed(1)} ms, ratio ${pgLine.ratio.toFixed(2)}`);
}
const main = sqliteResults ?? pgResults;
if (main) {
  const line = headline(main);
  console.log(`targets: p95 at most ${TARGET_P95_MS} ms, ratio at most ${TARGET_RATIO} (${sqliteResults ? 'sqlite' : 'postgres'} figures below; every connection-list variant pooled)`);
  console.log(`list p95: ${line.list.toFixed(1)} ms at ${line.connections} connections, bare-express p95: ${line.bare.toFixed(1)} ms, ratio ${line.ratio.toFixed(2)}`);
}
process.exit(0);
