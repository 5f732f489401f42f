import fs from 'node:fs';
import type { SandboxDescriptor } from '@tcc/sandbox';

/** The descriptor of a sandbox running in its own process (SANDBOX=external); says how to start one if missing. */
export function readSandboxDescriptor(file: string): SandboxDescriptor {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxDescriptor;
  } catch {
    throw new Error(`SANDBOX=external needs the sandbox's descriptor at ${file}. Start the sandbox with \`npm run sandbox\` (or set SANDBOX_DESCRIPTOR).`);
  }
}
