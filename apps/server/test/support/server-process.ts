import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const serverRoot = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
}

/**
 * A server as its own process (`node --import tsx src/index.ts`), as a deployment runs several: for the tests where
 * instances must not share memory, or where one is killed with SIGKILL. Answers once /api/health answers.
 */
export async function startServerProcess(name: string, port: number, env: Record<string, string>): Promise<ServerProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `tcc-process-${name}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: serverRoot,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 400; i += 1) {
    if (child.exitCode !== null) throw new Error(`server ${name} exited at start with code ${child.exitCode}: ${stderr}`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return { child, port, url };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`server ${name} did not start: ${stderr}`);
}

/** SIGKILL: no shutdown code runs, as when an instance's container is lost. */
export const killProcess = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

/** A free-looking port range per test file: files run in parallel, each picks its own. */
export const randomBasePort = () => 20_000 + Math.floor(Math.random() * 20_000);
