import fs from 'node:fs';
import path from 'node:path';
import type { SandboxSecrets } from './options.js';
import type { SandboxState } from './state.js';

/** JSON cannot hold Maps; they are written as entry lists and read back. */
const replacer = (_key: string, value: unknown) => (value instanceof Map ? { $map: [...value.entries()] } : value);
const reviver = (_key: string, value: unknown) =>
  value && typeof value === 'object' && '$map' in value ? new Map((value as { $map: [unknown, unknown][] }).$map) : value;

export interface PersistedSandbox {
  state: SandboxState;
  secrets: SandboxSecrets;
}

/** Reads a saved sandbox, or null when there is none (or it cannot be read: the sandbox then starts afresh). */
export function loadSandbox(file: string): PersistedSandbox | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'), reviver) as PersistedSandbox;
  } catch {
    return null;
  }
}

/**
 * Keeps the simulated systems across restarts, so that a product restarted beside it finds the same trust
 * certificate, users and arrangements. Written with 0600: it holds the simulated systems' passwords and keys.
 */
export function saveSandbox(file: string, persisted: PersistedSandbox): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(persisted, replacer), { mode: 0o600 });
  fs.renameSync(temporary, file);
}
