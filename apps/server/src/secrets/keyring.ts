import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { decodeKey, decodeKeyList, readOrCreateKeyFile } from './key-material.js';

/** Encrypts and decrypts secrets at rest. Holds its keys privately; nothing on it reveals key material. */
export interface Keyring {
  /** Id of the key new ciphertexts are made with: first 8 hex characters of sha256(key). */
  readonly currentKeyId: string;
  /** Encrypts `plaintext`, binding it to `context` (e.g. `connection:<id>:serviceKey`) so it cannot be moved. */
  encrypt(plaintext: string, context: string): string;
  /** Decrypts with whichever known key the ciphertext names; throws {@link SecretDecryptionError} on any failure. */
  decrypt(ciphertext: string, context: string): string;
  /** True unless the ciphertext is a well-formed v1 ciphertext under the current key. */
  needsReencryption(ciphertext: string): boolean;
}

/** Where the keys come from; see docs/security/key-rotation.md. */
export interface KeyringOptions {
  /** SECRETS_KEY: base64 of 32 bytes. When set it is the current key and the key file is not touched. */
  envKey?: string;
  /** SECRETS_PREVIOUS_KEYS: comma-separated base64 keys that can still decrypt, during a rotation. */
  envPreviousKeys?: string;
  /** The embedded default key, e.g. `<DATA_DIR>/secrets.key`; created with mode 0600 on first start. */
  keyFile: string;
}

/**
 * A ciphertext could not be decrypted. The message names the key id and context so an operator can tell which key
 * is missing or which row is damaged; it never carries plaintext, key material or the ciphertext itself.
 */
export class SecretDecryptionError extends Error {
  override readonly name = 'SecretDecryptionError';
  constructor(
    readonly keyId: string,
    readonly context: string,
    reason: string,
  ) {
    super(`Cannot decrypt the secret for "${context}" (key ${keyId}): ${reason}`);
  }
}

const VERSION = 'v1';
const IV_BYTES = 12; // the size GCM is specified for; other sizes are hashed into one
const TAG_BYTES = 16; // full-length tag; shorter tags make forgery cheaper
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const KEY_ID = /^[0-9a-f]{8}$/;

/** Key id: a short fingerprint, so a ciphertext names its key without revealing anything usable about it. */
function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

interface Parsed {
  keyId: string;
  iv: Buffer;
  body: Buffer;
  tag: Buffer;
}

function parse(ciphertext: string): Parsed | string {
  const parts = ciphertext.split('.');
  if (parts.length !== 5) return 'not a v1 ciphertext';
  const [version, keyId, iv, body, tag] = parts as [string, string, string, string, string];
  if (version !== VERSION) return `unsupported format version`;
  if (!KEY_ID.test(keyId)) return 'malformed key id';
  if (![iv, body, tag].every((part) => BASE64URL.test(part))) return 'malformed base64url';
  const parsed = { keyId, iv: Buffer.from(iv, 'base64url'), body: Buffer.from(body, 'base64url'), tag: Buffer.from(tag, 'base64url') };
  if (parsed.iv.length !== IV_BYTES || parsed.tag.length !== TAG_BYTES) return 'malformed IV or tag';
  return parsed;
}

/** Builds the keyring from the environment, or from the embedded key file when SECRETS_KEY is not set. */
export function loadKeyring(options: KeyringOptions): Keyring {
  // An empty SECRETS_KEY= line in an env file means "not set", as for every other variable.
  const envKey = options.envKey?.trim() ? options.envKey : undefined;
  const current = envKey !== undefined ? decodeKey(envKey, 'SECRETS_KEY') : readOrCreateKeyFile(options.keyFile);
  const keys = new Map<string, Buffer>();
  for (const key of [current, ...decodeKeyList(options.envPreviousKeys, 'SECRETS_PREVIOUS_KEYS')]) {
    const id = keyIdOf(key);
    const known = keys.get(id);
    // 32-bit ids collide for distinct keys about once in four billion pairs; refuse rather than decrypt with the wrong one.
    if (known && !known.equals(key)) throw new Error(`Two different secrets keys share the id ${id}; generate a new SECRETS_KEY.`);
    keys.set(id, key);
  }
  return createKeyring(keyIdOf(current), keys);
}

// An empty context would make every field interchangeable, which is what binding a context is meant to prevent.
function assertContext(context: string): void {
  if (context === '') throw new Error('A secret needs a non-empty context, e.g. "connection:<id>:serviceKey".');
}

function createKeyring(currentKeyId: string, keys: ReadonlyMap<string, Buffer>): Keyring {
  const currentKey = keys.get(currentKeyId)!;
  return {
    currentKeyId,
    encrypt(plaintext, context) {
      assertContext(context);
      // A fresh random IV each time: reusing an IV under one GCM key reveals plaintext and the authentication key.
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, currentKeyId, iv, body, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    decrypt(ciphertext, context) {
      assertContext(context);
      const parsed = parse(ciphertext);
      if (typeof parsed === 'string') throw new SecretDecryptionError('unknown', context, parsed);
      const key = keys.get(parsed.keyId);
      if (!key) throw new SecretDecryptionError(parsed.keyId, context, 'this key is not configured (add it to SECRETS_PREVIOUS_KEYS)');
      const decipher = createDecipheriv('aes-256-gcm', key, parsed.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(parsed.tag);
      try {
        return Buffer.concat([decipher.update(parsed.body), decipher.final()]).toString('utf8');
      } catch {
        // OpenSSL's own message is generic; ours says the likely causes without leaking anything.
        throw new SecretDecryptionError(parsed.keyId, context, 'authentication failed (the ciphertext was altered or belongs to another context)');
      }
    },
    needsReencryption(ciphertext) {
      const parsed = parse(ciphertext);
      return typeof parsed === 'string' || parsed.keyId !== currentKeyId;
    },
  };
}
