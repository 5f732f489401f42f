import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { secretContext } from '../src/features/credentials/credential-service.js';
import { loadKeyring } from '../src/secrets/index.js';
import { openTestStore, testStoreEnv } from './support/test-database.js';
import { adminClient, createTenantWithConnection, startTestServer } from './support/test-server.js';

const run = promisify(execFile);
const serverRoot = path.resolve(import.meta.dirname, '..');

describe('key rotation (npm run secrets:rotate)', () => {
  it('when rotated from the key file to a new SECRETS_KEY, then every secret is re-encrypted and reads with the new key alone', async () => {
    const server = await startTestServer();
    const api = await adminClient(server.baseUrl);
    const { base, connection } = await createTenantWithConnection(api);
    await api.put(`${base}/credentials`, { taskCenterUserPassword: 'Rotate-me-password-2026!', version: connection.version });
    await server.stop();

    const oldKey = fs.readFileSync(path.join(server.dataDir, 'secrets.key'), 'utf8').trim();
    const newKey = randomBytes(32).toString('base64');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/rotate-secrets-main.ts'], {
      cwd: serverRoot,
      env: { ...process.env, ...(await testStoreEnv(server.dataDir)), DATA_DIR: server.dataDir, SECRETS_KEY: newKey, SECRETS_PREVIOUS_KEYS: oldKey, SANDBOX: 'off', LOG_LEVEL: 'info' },
    });
    expect(stdout).toContain('"reencrypted":1');
    expect(stdout).not.toContain('Rotate-me-password-2026!');

    const store = await openTestStore(server.dataDir);
    const [secret] = await store.allSecrets();
    await store.close();
    const onlyNew = loadKeyring({ envKey: newKey, keyFile: path.join(server.dataDir, 'unused.key') });
    expect(onlyNew.decrypt(secret!.ciphertext, secretContext(secret!.connectionId, secret!.kind))).toBe('Rotate-me-password-2026!');
    expect(onlyNew.needsReencryption(secret!.ciphertext)).toBe(false);
  });
});
