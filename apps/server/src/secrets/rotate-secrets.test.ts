import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKeyring, SecretDecryptionError } from './keyring.js';
import { rotateSecrets, type SecretRow } from './rotate-secrets.js';
import { runSecretsRotation } from './rotate-cli.js';

const newKey = () => randomBytes(32).toString('base64');
const keyFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-rotate-')), 'secrets.key');

/** A stand-in for the store: rows in a Map, written back in place. */
function memoryStore(rows: SecretRow[]) {
  const byId = new Map(rows.map((row) => [row.id, { ...row }]));
  return {
    byId,
    async *rows() {
      yield* byId.values();
    },
    async write(id: string, ciphertext: string) {
      byId.get(id)!.ciphertext = ciphertext;
    },
  };
}

/** Two rows under the old key, one already under the new key. */
function scenario() {
  const oldKey = newKey();
  const currentKey = newKey();
  const old = loadKeyring({ envKey: oldKey, keyFile: keyFile() });
  const rotating = loadKeyring({ envKey: currentKey, envPreviousKeys: oldKey, keyFile: keyFile() });
  const store = memoryStore([
    { id: 'a', context: 'connection:a:serviceKey', ciphertext: old.encrypt('service-key-a', 'connection:a:serviceKey') },
    { id: 'b', context: 'user:b:password', ciphertext: old.encrypt('password-b', 'user:b:password') },
    { id: 'c', context: 'connection:c:serviceKey', ciphertext: rotating.encrypt('service-key-c', 'connection:c:serviceKey') },
  ]);
  return { oldKey, currentKey, old, rotating, store };
}

describe('rotateSecrets', () => {
  it('when rows are under an old key, then they are re-encrypted under the current key and current rows are left', async () => {
    const { rotating, store } = scenario();
    const untouched = store.byId.get('c')!.ciphertext;
    const result = await rotateSecrets(store.rows(), rotating, (id, ciphertext) => store.write(id, ciphertext));
    expect(result).toEqual({ reencrypted: 2, alreadyCurrent: 1 });
    expect(store.byId.get('c')!.ciphertext).toBe(untouched);
    for (const row of store.byId.values()) expect(row.ciphertext.split('.')[1]).toBe(rotating.currentKeyId);
  });

  it('when the rotation is done, then every secret decrypts with the current key alone and the old key can be dropped', async () => {
    const { currentKey, old, rotating, store } = scenario();
    await rotateSecrets(store.rows(), rotating, (id, ciphertext) => store.write(id, ciphertext));
    const withoutOldKey = loadKeyring({ envKey: currentKey, keyFile: keyFile() });
    const plaintexts = [...store.byId.values()].map((row) => withoutOldKey.decrypt(row.ciphertext, row.context));
    expect(plaintexts).toEqual(['service-key-a', 'password-b', 'service-key-c']);
    expect(() => old.decrypt(store.byId.get('a')!.ciphertext, 'connection:a:serviceKey')).toThrow(SecretDecryptionError);
  });

  it('when it runs a second time, then nothing is rewritten', async () => {
    const { rotating, store } = scenario();
    await rotateSecrets(store.rows(), rotating, (id, ciphertext) => store.write(id, ciphertext));
    const writes: string[] = [];
    const again = await rotateSecrets([...store.byId.values()], rotating, async (id) => void writes.push(id));
    expect(again).toEqual({ reencrypted: 0, alreadyCurrent: 3 });
    expect(writes).toEqual([]);
  });

  it('when a row cannot be decrypted, then the rotation stops naming the row and never the plaintext', async () => {
    const { currentKey, store } = scenario();
    const withoutOldKey = loadKeyring({ envKey: currentKey, keyFile: keyFile() });
    const error: Error = await rotateSecrets(store.rows(), withoutOldKey, (id, ciphertext) => store.write(id, ciphertext)).catch((caught) => caught);
    expect(error.message).toMatch(/row "a" after re-encrypting 0 row\(s\).*connection:a:serviceKey/);
    expect(error.cause).toBeInstanceOf(SecretDecryptionError);
    expect(error.message).not.toContain('service-key-a');
    expect(store.byId.get('b')!.ciphertext.split('.')[1]).not.toBe(withoutOldKey.currentKeyId); // stopped, not skipped
  });
});

describe('runSecretsRotation', () => {
  it('when run with the rotation environment, then it rotates the store and logs only counts and key ids', async () => {
    const { oldKey, currentKey, store } = scenario();
    const lines: string[] = [];
    const log = { info: (message: string, fields?: object) => void lines.push(message + JSON.stringify(fields)), warn: (message: string) => void lines.push(message) };
    const result = await runSecretsRotation({ env: { SECRETS_KEY: currentKey, SECRETS_PREVIOUS_KEYS: oldKey }, keyFile: keyFile(), store, log });
    expect(result).toEqual({ reencrypted: 2, alreadyCurrent: 1 });
    const logged = lines.join('\n');
    expect(logged).toContain('SECRETS_PREVIOUS_KEYS can now be removed');
    for (const secret of [oldKey, currentKey, 'service-key-a', 'password-b']) expect(logged).not.toContain(secret);
  });
});
