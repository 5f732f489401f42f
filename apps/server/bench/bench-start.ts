/**
 * `npm run bench:start`: how long the server takes from spawn to the first 200 of /api/health, and its resident memory
 * (RSS of its process tree) once idle, run from TypeScript under tsx (how `npm start` ran before) and as the compiled
 * bundle (`node --enable-source-maps apps/server/dist/index.js`, how it runs now), beside a bare five-line Express app
 * started the same way in the same run: the floor no Node HTTP server gets under. Defaults as `npm start` (sandbox
 * on), each variant on its own data directory, initialised by one unmeasured start first so every measured start is
 * a restart.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** How long after the first answer the RSS is read: start-up work (the sandbox's keys, the seed) has settled by then. */
const IDLE_MS = 2_000;
const server = path.resolve(import.meta.dirname, '..');

const BARE_EXPRESS = `
import express from 'express';
const app = express();
app.get('/api/health', (_req, res) => { res.json({ status: 'ok' }); });
app.listen(Number(process.env.PORT), '127.0.0.1');
`;

const VARIANTS: { name: string; args: string[] }[] = [
  { name: 'before: tsx src/index.ts', args: [path.join(server, '../../node_modules/.bin/tsx'), 'src/index.ts'] },
  { name: 'now: node dist/index.js', args: [process.execPath, '--enable-source-maps', 'dist/index.js'] },
  { name: 'bare Express (5 lines)', args: [process.execPath, '--input-type=module', '-e', BARE_EXPRESS] },
];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

/** RSS in kB of `pid` and its descendants (the tsx CLI runs the server in a child process of its own). */
function treeRssKb(pid: number): number {
  const rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  const children = fs.readdirSync(`/proc/${pid}/task`).flatMap((task) => fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));
  return rss + children.reduce((sum, child) => sum + treeRssKb(Number(child)), 0);
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

async function startOnce(args: string[], dataDir: string): Promise<{ readyMs: number; rssMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const [command, ...rest] = args as [string, ...string[]];
  const child = spawn(command, rest, { cwd: server, stdio: 'ignore', env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SANDBOX_PORT: '0', LOG_LEVEL: 'warn' } });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode} before answering`);
      if (await fetch(`http://127.0.0.1:${port}/api/health`).then((answer) => answer.ok, () => false)) break;
      if (performance.now() - started > 60_000) throw new Error(`${args.join(' ')} did not answer within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const readyMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return { readyMs, rssMb: treeRssKb(child.pid!) / 1024 };
  } finally {
    await stop(child);
  }
}

const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: server, stdio: 'inherit' });
if (build.status !== 0) throw new Error('the server build failed');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rows: string[][] = [];
for (const variant of VARIANTS) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-bench-start-'));
  try {
    await startOnce(variant.args, dataDir);
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await startOnce(variant.args, dataDir));
    const ready = runs.map((r) => r.readyMs);
    const rss = runs.map((r) => r.rssMb);
    rows.push([variant.name, ready.map((ms) => ms.toFixed(0)).join(' / '), median(ready).toFixed(0), rss.map((mb) => mb.toFixed(0)).join(' / '), median(rss).toFixed(0)]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const header = ['start (restart on its data)', 'to /api/health, ms', 'median', `idle RSS (${IDLE_MS / 1000} s after), MB`, 'median'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`\n${line(header)}`);
for (const row of rows) console.log(line(row));
