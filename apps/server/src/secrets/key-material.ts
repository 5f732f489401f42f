import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** AES-256 needs exactly 32 bytes of key. */
export const KEY_BYTES = 32;

// Standard base64 of 32 bytes: 43 characters and one "=" of padding. Buffer.from(…, 'base64') is lenient (it takes
// base64url, missing padding, and stops quietly at a character it does not know); one strict form is easier to
// document, and a mangled key is refused with a clear message instead of surfacing later as a length mismatch.
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;

const GENERATE_HINT = `Generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`;

/**
 * Decodes one base64 key. `source` names where it came from (e.g. "SECRETS_KEY") so the error says what to fix;
 * the value itself is never part of the message, since a near-miss key is still most of a key.
 */
export function decodeKey(value: string, source: string): Buffer {
  const trimmed = value.trim();
  if (!BASE64_KEY.test(trimmed)) {
    throw new Error(`${source} is not a valid key: it must be ${KEY_BYTES} random bytes in standard base64 (44 characters ending in "="). ${GENERATE_HINT}`);
  }
  return Buffer.from(trimmed, 'base64');
}

/** Splits SECRETS_PREVIOUS_KEYS ("k1,k2") into keys; empty entries (a trailing comma) are ignored. */
export function decodeKeyList(value: string | undefined, source: string): Buffer[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((entry, index) => ({ entry: entry.trim(), index }))
    .filter(({ entry }) => entry !== '')
    .map(({ entry, index }) => decodeKey(entry, `${source} (entry ${index + 1})`));
}

/**
 * Reads the embedded default key from `keyFile`, creating it on first start. The file holds the key as base64 text so
 * an operator can back it up or move it into SECRETS_KEY. A key file others can read is refused rather than fixed
 * silently: someone may already have copied it, and the operator should know.
 */
export function readOrCreateKeyFile(keyFile: string): Buffer {
  if (!fs.existsSync(keyFile)) createKeyFile(keyFile);
  assertPrivate(keyFile);
  return decodeKey(fs.readFileSync(keyFile, 'utf8'), `The key file ${keyFile}`);
}

function assertPrivate(keyFile: string): void {
  // Windows has no POSIX modes; Node reports 0o666 for every file there, so the check would always refuse.
  if (process.platform === 'win32') return;
  const mode = fs.statSync(keyFile).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(`The key file ${keyFile} can be read by other users (mode ${mode.toString(8).padStart(3, '0')}). Restrict it with: chmod 600 '${keyFile}' — and consider rotating the key if others may have copied it.`);
  }
}

/**
 * Writes a fresh key atomically: into a private temporary file first, then linked into place. link() fails if the
 * target exists, so two processes starting at once cannot overwrite each other's key (which would orphan every
 * secret encrypted under the loser's key); the second one simply reads the first one's file.
 */
function createKeyFile(keyFile: string): void {
  const dir = path.dirname(keyFile);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temporary = path.join(dir, `.${path.basename(keyFile)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    // The umask may strip bits from the mode given to open(); set it explicitly so the result is exactly 0600.
    fs.fchmodSync(fd, 0o600);
    fs.writeSync(fd, randomBytes(KEY_BYTES).toString('base64') + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temporary, keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}
