import fs from 'node:fs';
import path from 'node:path';
import { parseFaultsEnv } from './parse-faults.js';
import { parseProfile } from './profile.js';
import { startSandbox } from './start-sandbox.js';

/**
 * `npm run sandbox`: starts the sandbox alone, prints its descriptor and writes it to SANDBOX_DESCRIPTOR
 * (default data/sandbox.json) so other tools can read the service key and passwords. SANDBOX_FAULTS (JSON) sets
 * fault injection at start; PUT /sandbox/faults changes it at run time.
 */
const port = Number(process.env.SANDBOX_PORT ?? 4004);
const descriptorFile = path.resolve(process.env.SANDBOX_DESCRIPTOR ?? path.join(import.meta.dirname, '../../../data/sandbox.json'));
const sandbox = await startSandbox({ port, faults: parseFaultsEnv(process.env.SANDBOX_FAULTS), profile: parseProfile(process.env.SANDBOX_PROFILE) });
fs.mkdirSync(path.dirname(descriptorFile), { recursive: true });
fs.writeFileSync(descriptorFile, JSON.stringify(sandbox.descriptor, null, 2), { mode: 0o600 });
console.log(JSON.stringify(sandbox.descriptor, null, 2));
console.log(`\nSAP sandbox running at ${sandbox.descriptor.baseUrl} — descriptor written to ${descriptorFile}`);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
