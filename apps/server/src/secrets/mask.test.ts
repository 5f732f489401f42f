import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { redactSecrets, SecretString } from './mask.js';

describe('redactSecrets', () => {
  it('when a text contains secrets, then every occurrence is replaced', () => {
    const text = 'POST failed: {"password":"hunter2-long","again":"hunter2-long","key":"a.b*c+(d)"}';
    expect(redactSecrets(text, ['hunter2-long', 'a.b*c+(d)'])).toBe('POST failed: {"password":"[secret]","again":"[secret]","key":"[secret]"}');
  });

  it('when one secret contains another, then the longer one is hidden whole', () => {
    expect(redactSecrets('token=abcd-efgh-ijkl', ['abcd', 'abcd-efgh-ijkl'])).toBe('token=[secret]');
  });

  it('when a secret is empty or very short, then the text is left readable', () => {
    expect(redactSecrets('a normal error', ['', 'a'])).toBe('a normal error');
  });
});

describe('SecretString', () => {
  const plaintext = 'correct-horse-battery-staple';
  const secret = new SecretString(plaintext);

  it('when turned into text in any ordinary way, then it shows [secret] and not the plaintext', () => {
    const shown = [
      JSON.stringify(secret),
      JSON.stringify({ user: 'alice', password: secret }),
      String(secret),
      `${secret}`,
      'pw: ' + secret,
      inspect(secret),
      inspect({ nested: { secret } }, { depth: 5, showHidden: true }),
      Object.keys(secret).join(','),
      JSON.stringify({ ...secret }),
    ];
    for (const text of shown) expect(text).not.toContain(plaintext);
    expect(JSON.stringify({ password: secret })).toBe('{"password":"[secret]"}');
    expect(`${secret}`).toBe('[secret]');
    expect(inspect(secret)).toBe('[secret]');
  });

  it('when revealed deliberately, then it gives the plaintext', () => {
    expect(secret.reveal()).toBe(plaintext);
  });
});
