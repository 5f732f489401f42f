import type { Keyring } from './keyring.js';

/** One stored secret: its row id, the context it was encrypted with, and the ciphertext. */
export interface SecretRow {
  id: string;
  context: string;
  ciphertext: string;
}

/** What a rotation did. */
export interface RotationResult {
  /** Rows decrypted with a previous key and written back under the current key. */
  reencrypted: number;
  /** Rows already under the current key, left untouched. */
  alreadyCurrent: number;
}

/**
 * Re-encrypts every row that is not under the keyring's current key, writing each through `write`.
 *
 * Rows are handled one by one and each write stands alone, so a rotation that stops half way (a crash, a row that
 * cannot be decrypted) is finished by running it again: rows already rotated then count as `alreadyCurrent`.
 * A row that cannot be decrypted stops the rotation with its id, because finishing "successfully" around it would
 * invite the operator to drop the old key, losing that secret for good.
 */
export async function rotateSecrets(
  rows: AsyncIterable<SecretRow> | Iterable<SecretRow>,
  keyring: Keyring,
  write: (id: string, newCiphertext: string) => Promise<void>,
): Promise<RotationResult> {
  const result: RotationResult = { reencrypted: 0, alreadyCurrent: 0 };
  for await (const row of rows) {
    if (!keyring.needsReencryption(row.ciphertext)) {
      result.alreadyCurrent += 1;
      continue;
    }
    let plaintext: string;
    try {
      plaintext = keyring.decrypt(row.ciphertext, row.context);
    } catch (error) {
      // The decryption error names key id and context only, so it is safe to pass on.
      throw new Error(
        `Key rotation stopped at row "${row.id}" after re-encrypting ${result.reencrypted} row(s); nothing after it was changed. Run it again once the cause is fixed. ${(error as Error).message}`,
        { cause: error },
      );
    }
    await write(row.id, keyring.encrypt(plaintext, row.context));
    result.reencrypted += 1;
  }
  return result;
}
