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
// SANDBOX_HTTPS=true serves TLS with a test CA made at start (what SAP's Cloud SDK insists on for user-token flows);
// the CA is written beside the descriptor for NODE_EXTRA_CA_CERTS.
const https = process.env.SANDBOX_HTTPS === 'true';
const sandbox = await startSandbox({ port, https, faults: parseFaultsEnv(process.env.SANDBOX_FAULTS), profile: parseProfile(process.env.SANDBOX_PROFILE) });
fs.mkdirSync(path.dirname(descriptorFile), { recursive: true });
fs.writeFileSync(descriptorFile, JSON.stringify(sandbox.descriptor, null, 2), { mode: 0o600 });
if (sandbox.descriptor.tls) fs.writeFileSync(descriptorFile.replace(/\.json$/, '') + '-ca.pem', sandbox.descriptor.tls.caCertificatePem);
console.log(JSON.stringify(sandbox.descriptor, null, 2));
console.log(`\nSAP sandbox running at ${sandbox.descriptor.baseUrl} — descriptor written to ${descriptorFile}`);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
