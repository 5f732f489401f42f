import { ERROR_CODES, type ErrorCode } from '@tcc/shared';
import { AppError, type ErrorDetail } from '../../http/errors.js';
import { SapTransportError } from '../http/sap-http.js';

/** What was being done when S/4 said no, so the message names it; `user` is the SAP_COM_0A48 user (never its password). */
export interface S4ErrorContext {
  /** e.g. "create communication user TC_USER" */
  action: string;
  user: string;
}

/**
 * An S/4HANA Cloud answer the product cannot continue with. The status is OUR answer to the browser, never S/4's own:
 * a 401/403 from S/4 must not look like the admin's session expired, so those become 502 (the gateway sense).
 */
export class S4Error extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly status: number,
    /** S/4's HTTP status; null when no answer came (timeout, network, refused by the outbound guard). */
    readonly upstreamStatus: number | null,
    /** SAP's message code, e.g. CM_APS_CS/026 (sap-apis.md D). */
    readonly sapCode?: string,
    details?: ErrorDetail[],
  ) {
    super(code, message, details);
  }
}

/** What the product says of a refused SAP_COM_0A48 credential, wherever it stops an operation (one wording, one place). */
export function credentialRefusedMessage(user: string, refusedAt: string): string {
  return (
    `S/4HANA refused the SAP_COM_0A48 communication user ${user} at ${refusedAt}: its password is wrong, or the user is locked. ` +
    'To keep S/4 from locking it (it locks a user after a few failed logons), no further call is made with this password. ' +
    'Check in Maintain Communication Users whether it is locked (unlock it if so), then save its password again under Credentials.'
  );
}

/**
 * S/4 answered 401 to the SAP_COM_0A48 user (now or earlier, as recorded on the credential). Every later call with that
 * user and password fails with this error without an HTTP request, until the credential is saved again: a real tenant
 * locks a communication user after a burst of failed Basic logons (SAP-docs 0377ade: three; docs/sap-facts.md row 4).
 * Code S4_AUTH_FAILED (ERROR_CODES has no code of its own for it); `refusedAt` tells the cases apart.
 */
export class S4CredentialRefusedError extends S4Error {
  constructor(
    readonly user: string,
    /** When S/4 answered 401 (ISO 8601). */
    readonly refusedAt: string,
  ) {
    super(ERROR_CODES.s4AuthFailed, credentialRefusedMessage(user, refusedAt), 502, 401);
  }
}

interface ODataErrorBody {
  error?: { code?: unknown; message?: unknown; target?: unknown; details?: Array<{ code?: unknown; message?: unknown; target?: unknown }> };
}

/** OData V4 JSON error format { error: { code, message, details } } (OData JSON Format 4.01 §21); anything else is not SAP's. */
function parseODataError(body: string): { code?: string; message?: string; details: ErrorDetail[] } {
  let parsed: ODataErrorBody;
  try {
    parsed = JSON.parse(body) as ODataErrorBody;
  } catch {
    return { details: [] };
  }
  const e = parsed?.error;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const details = (Array.isArray(e?.details) ? e.details : [])
    .filter((d) => str(d?.message) && d.message !== e?.message)
    .map((d) => ({ ...(str(d.target) ? { field: String(d.target) } : {}), message: String(d.message) }));
  return { code: str(e?.code), message: str(e?.message), details };
}

/**
 * The one mapping from an S/4 answer (status + body text) or a transport failure (status null, the SapTransportError)
 * to a typed S4Error. SAP's own message and code pass through for rule errors: they say what to fix in S/4.
 */
export function toS4Error(status: number | null, body: string | SapTransportError, context: S4ErrorContext): S4Error {
  if (status === null || body instanceof SapTransportError) {
    const reason = body instanceof SapTransportError ? body.message : String(body);
    return new S4Error(ERROR_CODES.s4Unavailable, `Could not ${context.action} in S/4HANA Cloud: ${reason}`, 503, null);
  }
  const sap = parseODataError(body);
  const said = sap.message ? `: ${sap.message}${sap.code ? ` (${sap.code})` : ''}` : '';
  const make = (code: ErrorCode, ours: number, message: string) => new S4Error(code, message, ours, status, sap.code, sap.details.length ? sap.details : undefined);
  switch (true) {
    case status === 401:
      // Gateway answers an HTML logon page, not OData; the user name helps, the password is never quoted.
      return make(
        ERROR_CODES.s4AuthFailed,
        502,
        `S/4HANA refused the SAP_COM_0A48 communication user ${context.user}; check its password or whether it is locked. To keep S/4 from locking it, no further call is made with this password until it is saved again under Credentials.`,
      );
    case status === 403:
      return make(ERROR_CODES.s4Forbidden, 502, `S/4HANA Cloud did not allow user ${context.user} to ${context.action}${said}. Check that the SAP_COM_0A48 arrangement is active for this user.`);
    case status === 404:
      return make(ERROR_CODES.s4NotFound, 404, `S/4HANA Cloud could not ${context.action}: not found${said}.`);
    case status === 409:
      return make(ERROR_CODES.s4Conflict, 409, `S/4HANA Cloud could not ${context.action}: it already exists${said}.`);
    case status === 400 || status === 422:
      return make(ERROR_CODES.s4Rule, 422, `S/4HANA Cloud refused to ${context.action}${said || ' (no reason given)'}.`);
    case status === 429 || status >= 500:
      return make(ERROR_CODES.s4Unavailable, 503, `S/4HANA Cloud is not available to ${context.action} right now (HTTP ${status})${said}. Try again later.`);
    default:
      return make(ERROR_CODES.s4Unexpected, 502, `S/4HANA Cloud answered HTTP ${status} when asked to ${context.action}${said}.`);
  }
}
