import type { ErrorRequestHandler, Response } from 'express';
import { UNCERTAIN } from '../../uncertain.js';
import { S4RuleError } from '../communication-model.js';

/**
 * A protocol-level failure (bad URL, query option or payload), as opposed to a business rule. It is answered exactly
 * like a refused rule (status, code, message, target), so it is one.
 */
export class ODataError extends S4RuleError {
  override name = 'ODataError';
}

const O = UNCERTAIN.odataErrors;
export const badQuery = (message: string, target?: string) => new ODataError(400, O.invalidQueryOption, message, target);
export const badPayload = (message: string, target?: string) => new ODataError(400, O.invalidPayload, message, target);
export const resourceNotFound = (message: string) => new ODataError(404, O.resourceNotFound, message);
export const methodNotAllowed = (message: string) => new ODataError(405, O.methodNotAllowed, message);
export const preconditionRequired = (message: string) => new ODataError(428, O.preconditionRequired, message);
export const preconditionFailed = (message: string) => new ODataError(412, O.preconditionFailed, message);

/**
 * The OData V4 JSON error format (OData JSON Format 4.01 §21): { error: { code, message, target?, details? } }.
 * SAP Gateway repeats the message in details; the sandbox adds details only when a target names the field.
 */
export function sendODataError(res: Response, status: number, code: string, message: string, target?: string): void {
  const error: Record<string, unknown> = { code, message };
  if (target) {
    error.target = target;
    error.details = [{ code, message, target }];
  }
  res.status(status).type('application/json').send(JSON.stringify({ error }));
}

/** The one place where thrown errors become HTTP answers; Express 5 forwards rejected handlers here. */
export const odataErrorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  if (err instanceof S4RuleError) return sendODataError(res, err.status, err.code, err.message, err.target);
  // body-parser marks its own failures (malformed JSON, wrong charset) with a type and an HTTP status.
  if (err && typeof err === 'object' && 'type' in err && typeof (err as { status?: unknown }).status === 'number') {
    return sendODataError(res, (err as { status: number }).status, O.invalidPayload, `The request body is not valid JSON: ${(err as Error).message}`);
  }
  console.error('[sandbox] communication management failed', err);
  sendODataError(res, 500, 'SANDBOX/500', 'Internal error in the sandbox');
};
