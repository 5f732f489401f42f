/**
 * Why the outbound-call guard refused (or could not complete) a call to an SAP system.
 * The code is for programs (tests, the error middleware, logs); the message is for the admin: it names the host and
 * says what to change. Messages never repeat the whole URL, because a URL may carry a user name or password.
 */
export const OUTBOUND_REFUSAL_CODES = [
  'MALFORMED_URL',
  'NOT_HTTPS',
  'USERINFO',
  'IP_LITERAL',
  'NOT_ASCII_HOST',
  'HOST_NOT_ALLOWED',
  'PATH_NOT_ALLOWED',
  'PORT_NOT_ALLOWED',
  'DNS_FAILED',
  'PRIVATE_ADDRESS',
  'REDIRECT_OFF_HOST',
  'TOO_MANY_REDIRECTS',
  'TIMEOUT',
] as const;

export type OutboundRefusalCode = (typeof OUTBOUND_REFUSAL_CODES)[number];

export class OutboundRefusedError extends Error {
  constructor(
    readonly code: OutboundRefusalCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OutboundRefusedError';
  }
}
