import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKeyring, SecretDecryptionError } from './keyring.js';

const CONTEXT = 'connection:42:serviceKey';
const PLAINTEXT = '{"clientid":"sb-abc","clientsecret":"s3cr3t-Value/with+chars=="}';

function tempKeyFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-secrets-')), 'data', 'secrets.key');
}

function envKeyring() {
  return loadKeyring({ envKey: randomBytes(32).toString('base64'), keyFile: tempKeyFile() });
}

/** Replaces one base64url segment of a ciphertext (1 = key id … 4 = tag) after flipping a bit in it. */
function tamper(ciphertext: string, segment: 2 | 3 | 4): string {
  const parts = ciphertext.split('.');
  const bytes = Buffer.from(parts[segment]!, 'base64url');
  bytes[0]! ^= 0x01;
  parts[segment] = bytes.toString('base64url');
  return parts.join('.');
}

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the action to throw');
}

describe('loadKeyring: encrypt and decrypt', () => {
  it('when a secret is encrypted and decrypted with the same context, then the plaintext comes back', () => {
    const keyring = envKeyring();
    expect(keyring.decrypt(keyring.encrypt(PLAINTEXT, CONTEXT), CONTEXT)).toBe(PLAINTEXT);
    expect(keyring.decrypt(keyring.encrypt('', CONTEXT), CONTEXT)).toBe('');
    expect(keyring.decrypt(keyring.encrypt('pässwörd ✓', CONTEXT), CONTEXT)).toBe('pässwörd ✓');
  });

  it('when a secret is encrypted, then the ciphertext has the v1 format, names the key and hides the plaintext', () => {
    const keyring = envKeyring();
    const ciphertext = keyring.encrypt(PLAINTEXT, CONTEXT);
    expect(ciphertext).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(ciphertext.split('.')[1]).toBe(keyring.currentKeyId);
    expect(ciphertext).not.toContain('s3cr3t');
    expect(ciphertext).not.toContain(Buffer.from(PLAINTEXT).toString('base64url').slice(0, 12));
  });

  it('when the same secret is encrypted twice, then the ciphertexts differ (random IV)', () => {
    const keyring = envKeyring();
    const first = keyring.encrypt(PLAINTEXT, CONTEXT);
    const second = keyring.encrypt(PLAINTEXT, CONTEXT);
    expect(first).not.toBe(second);
    expect(first.split('.')[2]).not.toBe(second.split('.')[2]);
  });

  it('when a ciphertext is decrypted with another context, then it fails naming key id and context only', () => {
    const keyring = envKeyring();
    const ciphertext = keyring.encrypt(PLAINTEXT, CONTEXT);
    const error = thrown(() => keyring.decrypt(ciphertext, 'connection:43:serviceKey'));
    expect(error).toBeInstanceOf(SecretDecryptionError);
    expect(error.message).toContain(keyring.currentKeyId);
    expect(error.message).toContain('connection:43:serviceKey');
    expect(error.message).not.toContain('s3cr3t');
    expect(error.message).not.toContain(ciphertext.split('.')[3]!);
  });

  it.each([
    ['IV', 2],
    ['ciphertext', 3],
    ['tag', 4],
  ] as const)('when the %s is tampered with, then decryption fails', (_name, segment) => {
    const keyring = envKeyring();
    const ciphertext = keyring.encrypt(PLAINTEXT, CONTEXT);
    expect(() => keyring.decrypt(tamper(ciphertext, segment), CONTEXT)).toThrow(SecretDecryptionError);
  });

  it('when a ciphertext is malformed, then decryption fails with a SecretDecryptionError', () => {
    const keyring = envKeyring();
    const valid = keyring.encrypt(PLAINTEXT, CONTEXT);
    for (const bad of ['', 'plain text', valid.replace(/^v1/, 'v2'), valid.slice(0, -2), valid + '.x', valid.replace(/\.[^.]+$/, '.!!!!')]) {
      expect(() => keyring.decrypt(bad, CONTEXT)).toThrow(SecretDecryptionError);
    }
  });

  it('when the ciphertext names a key this keyring does not have, then decryption fails naming that key id', () => {
    const ciphertext = envKeyring().encrypt(PLAINTEXT, CONTEXT);
    const other = envKeyring();
    const error = thrown(() => other.decrypt(ciphertext, CONTEXT));
    expect(error).toBeInstanceOf(SecretDecryptionError);
    expect(error.message).toContain(ciphertext.split('.')[1]!);
    expect(error.message).toContain('SECRETS_PREVIOUS_KEYS');
  });

  it('when the context is empty, then encrypting is refused', () => {
    expect(() => envKeyring().encrypt(PLAINTEXT, '')).toThrow(/context/);
  });
});

describe('loadKeyring: keys', () => {
  it('when no SECRETS_KEY is set, then a key file is created with mode 0600 and reused on the next load', () => {
    const keyFile = tempKeyFile();
    const first = loadKeyring({ keyFile });
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const ciphertext = first.encrypt(PLAINTEXT, CONTEXT);
    const second = loadKeyring({ keyFile });
    expect(second.currentKeyId).toBe(first.currentKeyId);
    expect(second.decrypt(ciphertext, CONTEXT)).toBe(PLAINTEXT);
    expect(fs.readdirSync(path.dirname(keyFile))).toEqual(['secrets.key']); // no temporary file left behind
  });

  it('when the key file can be read by others, then it is refused with the chmod command to run', () => {
    const keyFile = tempKeyFile();
    loadKeyring({ keyFile });
    fs.chmodSync(keyFile, 0o644);
    const error = thrown(() => loadKeyring({ keyFile }));
    expect(error.message).toContain(`chmod 600 '${keyFile}'`);
    expect(error.message).not.toContain(fs.readFileSync(keyFile, 'utf8').trim());
  });

  it('when SECRETS_KEY is set, then it is the current key and no key file is created', () => {
    const key = randomBytes(32);
    const keyFile = tempKeyFile();
    const ciphertext = loadKeyring({ envKey: key.toString('base64'), keyFile }).encrypt(PLAINTEXT, CONTEXT);
    expect(fs.existsSync(keyFile)).toBe(false);
    expect(loadKeyring({ envKey: key.toString('base64'), keyFile: tempKeyFile() }).decrypt(ciphertext, CONTEXT)).toBe(PLAINTEXT);
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(48).toString('base64')],
    ['not base64', 'this-is-not-base64-at-all!!' + 'x'.repeat(17)],
    ['44 characters with a stray character', randomBytes(32).toString('base64').replace(/^./, '*')],
  ])('when SECRETS_KEY is %s, then it is refused with what to fix and without the value', (_name, bad) => {
    const error = thrown(() => loadKeyring({ envKey: bad, keyFile: tempKeyFile() }));
    expect(error.message).toContain('SECRETS_KEY');
    expect(error.message).toContain('32 random bytes');
    expect(error.message).not.toContain(bad);
    expect(error.message).not.toContain(bad.slice(0, 12));
  });

  it('when an entry of SECRETS_PREVIOUS_KEYS is bad, then it is refused naming the entry, not the value', () => {
    const bad = 'c2hvcnQ=';
    const error = thrown(() => loadKeyring({ envKey: randomBytes(32).toString('base64'), envPreviousKeys: `${randomBytes(32).toString('base64')},${bad}`, keyFile: tempKeyFile() }));
    expect(error.message).toContain('SECRETS_PREVIOUS_KEYS (entry 2)');
    expect(error.message).not.toContain(bad);
  });

  it('when a previous key is configured, then its ciphertexts decrypt and need re-encryption, new ones do not', () => {
    const oldKey = randomBytes(32).toString('base64');
    const oldCiphertext = loadKeyring({ envKey: oldKey, keyFile: tempKeyFile() }).encrypt(PLAINTEXT, CONTEXT);
    const keyring = loadKeyring({ envKey: randomBytes(32).toString('base64'), envPreviousKeys: ` ${oldKey} ,`, keyFile: tempKeyFile() });
    expect(keyring.decrypt(oldCiphertext, CONTEXT)).toBe(PLAINTEXT);
    expect(keyring.needsReencryption(oldCiphertext)).toBe(true);
    expect(keyring.needsReencryption(keyring.encrypt(PLAINTEXT, CONTEXT))).toBe(false);
    expect(keyring.needsReencryption('not a ciphertext')).toBe(true);
  });

  it('when the keyring is printed or serialised, then no key material shows', () => {
    const key = randomBytes(32);
    const keyring = loadKeyring({ envKey: key.toString('base64'), keyFile: tempKeyFile() });
    const shown = JSON.stringify(keyring) + String(Object.values(keyring));
    expect(shown).not.toContain(key.toString('base64'));
    expect(shown).not.toContain(key.toString('hex'));
  });
});
