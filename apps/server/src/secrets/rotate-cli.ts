import type { Logger } from '../logger.js';
import { loadKeyring } from './keyring.js';
import { rotateSecrets, type RotationResult, type SecretRow } from './rotate-secrets.js';

/** What the rotation needs from the store: every encrypted secret, and a way to replace one ciphertext. */
export interface SecretStore {
  rows(): AsyncIterable<SecretRow> | Iterable<SecretRow>;
  write(id: string, newCiphertext: string): Promise<void>;
}

/** Inputs of {@link runSecretsRotation}; the entry point behind `npm run secrets:rotate` supplies them. */
export interface RotationCliOptions {
  /** Read for SECRETS_KEY and SECRETS_PREVIOUS_KEYS. */
  env: NodeJS.ProcessEnv;
  /** The embedded key file (`<DATA_DIR>/secrets.key`), used as the current key when SECRETS_KEY is not set. */
  keyFile: string;
  store: SecretStore;
  log: Pick<Logger, 'info' | 'warn'>;
}

/**
 * The body of `npm run secrets:rotate`: loads the keyring from the same environment the server uses, re-encrypts
 * every secret under the current key, and tells the operator whether the previous keys can now be removed.
 * Only counts and key ids are logged.
 */
export async function runSecretsRotation({ env, keyFile, store, log }: RotationCliOptions): Promise<RotationResult> {
  const keyring = loadKeyring({ envKey: env.SECRETS_KEY, envPreviousKeys: env.SECRETS_PREVIOUS_KEYS, keyFile });
  if (!env.SECRETS_PREVIOUS_KEYS?.trim()) {
    // Not an error: running it without a rotation in progress is a harmless check that everything is current.
    log.warn('SECRETS_PREVIOUS_KEYS is not set; only secrets already under the current key can be read.');
  }
  log.info('Re-encrypting secrets under the current key.', { keyId: keyring.currentKeyId });
  const result = await rotateSecrets(store.rows(), keyring, (id, ciphertext) => store.write(id, ciphertext));
  log.info('Secrets rotation finished; every secret is under the current key. SECRETS_PREVIOUS_KEYS can now be removed.', {
    keyId: keyring.currentKeyId,
    ...result,
  });
  return result;
}
