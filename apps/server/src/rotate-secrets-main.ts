import { loadConfig } from './config.js';
import { secretsKeyFile } from './compose.js';
import { secretContext } from './features/credentials/credential-service.js';
import { createLogger } from './logger.js';
import { runSecretsRotation } from './secrets/index.js';
import { openStore } from './store/open-store.js';
import { SECRET_KINDS, type SecretKind } from './store/types.js';

/** `npm run secrets:rotate`: re-encrypts every stored secret under SECRETS_KEY (docs/security/key-rotation.md). */
const config = loadConfig();
const store = await openStore(config);
const rows = (await store.allSecrets()).map((secret) => ({
  id: `${secret.connectionId}|${secret.kind}`,
  context: secretContext(secret.connectionId, secret.kind),
  ciphertext: secret.ciphertext,
}));
try {
  await runSecretsRotation({
    env: process.env,
    keyFile: secretsKeyFile(config),
    log: createLogger(config.LOG_LEVEL === 'silent' ? 'info' : config.LOG_LEVEL),
    store: {
      rows: () => rows,
      write: async (id, ciphertext) => {
        const [connectionId, kind] = id.split('|') as [string, SecretKind];
        if (!SECRET_KINDS.includes(kind)) throw new Error(`Unknown secret kind in ${id}`);
        await store.replaceCiphertext(connectionId, kind, ciphertext);
      },
    },
  });
} finally {
  await store.close();
}
