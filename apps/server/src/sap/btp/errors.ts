import { ERROR_CODES, type ErrorCode } from '@tcc/shared';
import { AppError } from '../../http/errors.js';
import { redactSecrets } from '../../secrets/mask.js';
import { SapTransportError } from '../http/sap-http.js';

/**
 * A BTP call that failed. 422 when the fix is on the admin's side (service key, role, missing trust certificate, a
 * destination BTP rejects); 502 when BTP itself failed and trying again later may help.
 */
export class BtpError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly status: 422 | 502,
    /** BTP's HTTP status, or null when no answer came. */
    readonly upstreamStatus: number | null,
  ) {
    super(code, message);
  }
}

export interface BtpErrorContext {
  /** What was being done, as a phrase: "read the trust certificate". */
  operation: string;
  /** Which endpoint answered: XSUAA's token endpoint or the Destination service. */
  endpoint: 'xsuaa' | 'destination-service';
  /** The service key's url (XSUAA) and uri (Destination service); they name the subaccount in messages. */
  xsuaaUrl: string;
  destinationUri: string;
  /** What was addressed, so a 404 can say what is missing. */
  resource?: { kind: 'trust-certificate' } | { kind: 'destination'; name: string };
  /** Values that must never appear in a message, even if BTP quotes them back. */
  secrets?: string[];
}

/** BTP's own words: `{ ErrorMessage }` (Destination service, NOTES.md §1 JsonErrorMessage) or OAuth's `error_description`. */
function upstreamText(body: string, secrets: string[]): string {
  let text = body.trim();
  try {
    const parsed = JSON.parse(text) as { ErrorMessage?: unknown; error_description?: unknown; error?: unknown };
    text = String(parsed.ErrorMessage ?? parsed.error_description ?? parsed.error ?? text);
  } catch {
    // Not JSON: a gateway's plain-text or HTML page; keep it short below.
  }
  text = redactSecrets(text, secrets).replace(/\s+/g, ' ');
  if (text === '' || text.startsWith('<')) return '';
  return ` BTP said: "${text.length > 200 ? `${text.slice(0, 200)}…` : text}"`;
}

/**
 * The one mapping from a failed BTP call to a typed error: an HTTP status with its body, or a SapTransportError when
 * no answer came. The client secret is never part of a message: only the key's clientid and URLs are named.
 */
export function toBtpError(failure: number | SapTransportError, body: string, ctx: BtpErrorContext): BtpError {
  const secrets = ctx.secrets ?? [];
  const config = (code: ErrorCode, message: string, status: number | null) => new BtpError(code, message, 422, status);
  const upstream = (code: ErrorCode, message: string, status: number | null) => new BtpError(code, message, 502, status);
  const unavailable = (detail: string) => `BTP is unavailable, try again in a few minutes (could not ${ctx.operation}: ${detail}).`;

  if (failure instanceof SapTransportError) {
    if (failure.kind === 'refused') {
      return config(ERROR_CODES.btpUrlRefused, `The Destination service key's URLs are not allowed (could not ${ctx.operation}): ${failure.message}`, null);
    }
    // A host that does not exist or refuses is no passing outage: name it and what to check, not "try again later".
    if (failure.kind === 'unreachable') {
      return upstream(ERROR_CODES.btpUnavailable, `Could not ${ctx.operation}: ${failure.message} Check the url and uri of the Destination service key.`, null);
    }
    return upstream(ERROR_CODES.btpUnavailable, unavailable(failure.message.replace(/\.$/, '')), null);
  }
  const status = failure;
  const said = upstreamText(body, secrets);
  if (status === 401) {
    return ctx.endpoint === 'xsuaa'
      ? config(ERROR_CODES.btpAuthFailed, `Check the Destination service key: its clientid/clientsecret were refused by XSUAA at ${ctx.xsuaaUrl}. Create a new service key if the old one was deleted.`, status)
      : config(ERROR_CODES.btpAuthFailed, `The Destination service at ${ctx.destinationUri} refused the token XSUAA at ${ctx.xsuaaUrl} issued (could not ${ctx.operation}): check that the service key's url and uri belong to the same subaccount.${said}`, status);
  }
  if (status === 403) {
    // sap-apis.md A.5: cockpit roles Destination Administrator / Destination Subaccount Trust Administrator.
    return config(ERROR_CODES.btpForbidden, `BTP refused to let the service key ${ctx.operation}: the user or key needs the role "Destination Administrator" in the subaccount.${said}`, status);
  }
  if (status === 404) {
    const what = ctx.resource;
    const message =
      what?.kind === 'trust-certificate'
        ? 'The subaccount has no trust certificate: generate one in the BTP cockpit under Destination Trust (Connectivity > Destination Trust).'
        : what?.kind === 'destination'
          ? `The destination "${what.name}" does not exist in the subaccount (could not ${ctx.operation}).`
          : `BTP did not find what was asked for (could not ${ctx.operation}).${said}`;
    return config(ERROR_CODES.btpNotFound, message, status);
  }
  if (status === 409) return config(ERROR_CODES.btpConflict, `BTP reports a conflict (could not ${ctx.operation}): the object already exists.${said}`, status);
  if (status === 429 || status >= 500) return upstream(ERROR_CODES.btpUnavailable, unavailable(`HTTP ${status}`), status);
  return config(ERROR_CODES.btpRejected, `BTP rejected the request (could not ${ctx.operation}; HTTP ${status}).${said}`, status);
}

/** A rotation whose answer was lost and whose effect could not be read back: BTP may or may not have switched. */
export class RotationOutcomeUnknownError extends Error {
  constructor(cause: string) {
    super(`BTP did not answer the rotation and its active certificate could not be read afterwards (${cause}): whether it switched is not known.`);
    this.name = 'RotationOutcomeUnknownError';
  }
}
