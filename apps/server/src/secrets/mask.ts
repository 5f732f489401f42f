import { inspect } from 'node:util';

const REDACTED = '[secret]';

// Very short "secrets" (a one-character password) would blank out ordinary text and still reveal the value by
// where the gaps fall; real secrets here are service keys and passwords, far longer than this.
const MIN_REDACTED_LENGTH = 4;

/**
 * Replaces every occurrence of each secret in `text` with "[secret]", for sanitising log lines and error messages
 * that may quote a request or response. Longer secrets go first, so a secret that contains another is hidden whole.
 */
export function redactSecrets(text: string, secrets: string[]): string {
  const ordered = [...new Set(secrets)].filter((secret) => secret.length >= MIN_REDACTED_LENGTH).sort((a, b) => b.length - a.length);
  // split/join rather than a RegExp: secrets are full of characters a pattern would treat as syntax.
  return ordered.reduce((result, secret) => result.split(secret).join(REDACTED), text);
}

/**
 * A plaintext secret that shows as "[secret]" wherever it is turned into text by accident: String(), template
 * literals, JSON.stringify, console.log / util.inspect. Only {@link SecretString.reveal} gives the value, so every
 * use of the plaintext is a deliberate, searchable call.
 */
export class SecretString {
  // A private field is invisible to JSON.stringify, Object.keys, spreading and util.inspect.
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The plaintext. Call it only where the secret is sent to where it belongs (e.g. a request to SAP). */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
