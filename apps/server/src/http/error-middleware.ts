import type { ErrorRequestHandler } from 'express';
import { ERROR_CODES, LIMITS, type ErrorBody } from '@tcc/shared';
import type { Logger } from '../logger.js';
import { AppError, TooManyRequestsError } from './errors.js';

/** body-parser marks its errors with `type` and `status`; map them to our shape with a message a person can act on. */
function bodyParserError(error: unknown): ErrorBody | null {
  if (typeof error !== 'object' || error === null || !('type' in error)) return null;
  const type = (error as { type: unknown }).type;
  if (type === 'entity.too.large') {
    return {
      error: {
        code: ERROR_CODES.payloadTooLarge,
        message: `The request is too large. Files are limited to ${LIMITS.certificateMaxBytes / 1024} KiB.`,
      },
    };
  }
  if (type === 'entity.parse.failed') {
    return { error: { code: ERROR_CODES.validation, message: 'The request body is not valid JSON.' } };
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return { error: { code: ERROR_CODES.validation, message: 'Send the request body as UTF-8 JSON.' } };
  }
  // Any other client error body-parser found (a body labelled gzip that is not, say): the client's, answered 400.
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { error: { code: ERROR_CODES.validation, message: 'The request body could not be read: send uncompressed UTF-8 JSON, or compress it as its Content-Encoding says.' } };
  }
  return null;
}

/**
 * A body whose Content-Encoding lies (labelled gzip, deflate or br, but not compressed): zlib's own error reaches us
 * untyped (code Z_DATA_ERROR, ERR_…BROTLI…, with an errno). The client's fault, so 400 — not a 500 with a stack.
 */
function undecodableBody(error: unknown, contentEncoding: string | undefined): ErrorBody | null {
  if (!contentEncoding || typeof error !== 'object' || error === null) return null;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  if (typeof code !== 'string' || typeof errno !== 'number') return null;
  return { error: { code: ERROR_CODES.validation, message: `The request body could not be decoded as ${contentEncoding}: send it uncompressed, or compressed as its Content-Encoding says.` } };
}

/** The one place errors become answers: typed errors keep their status; anything else is logged and hidden. */
export function createErrorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    // A streamed answer (the CSV export) that failed midway: the status is sent, so the download is cut off instead.
    if (res.headersSent) {
      logger.error('request failed after the answer began', { method: req.method, path: req.path, error: error instanceof Error ? error.stack : String(error) });
      res.destroy();
      return;
    }
    if (error instanceof TooManyRequestsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    if (error instanceof AppError) {
      const body: ErrorBody = { error: { code: error.code, message: error.message, details: error.details } };
      res.status(error.status).json(body);
      return;
    }
    const parsed = bodyParserError(error) ?? undecodableBody(error, req.headers['content-encoding']);
    if (parsed) {
      res.status(parsed.error.code === ERROR_CODES.payloadTooLarge ? 413 : 400).json(parsed);
      return;
    }
    logger.error('request failed', { method: req.method, path: req.path, error: error instanceof Error ? error.stack : String(error) });
    res.status(500).json({
      error: { code: ERROR_CODES.internal, message: 'Something went wrong on the server. Your saved progress is unchanged; try again.' },
    } satisfies ErrorBody);
  };
}
