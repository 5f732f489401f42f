import { ERROR_CODES, type ErrorCode } from '@tcc/shared';

export interface ErrorDetail {
  field?: string;
  message: string;
}

/** Base of every error the error middleware turns into a 4xx answer; anything else is a 500. */
export abstract class AppError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InputError extends AppError {
  readonly status = 400;
  constructor(message: string, details?: ErrorDetail[], code: ErrorCode = ERROR_CODES.validation) {
    super(code, message, details);
  }
}

/** 401: no or no longer a valid session; the web app then shows the sign-in page. */
export class UnauthenticatedError extends AppError {
  readonly status = 401;
  constructor(message = 'Sign in to continue.', code: ErrorCode = ERROR_CODES.unauthenticated) {
    super(code, message);
  }
}

/** 403: signed in, but the role does not allow this (inside a tenant the caller belongs to). */
export class ForbiddenError extends AppError {
  readonly status = 403;
  constructor(message: string, code: ErrorCode = ERROR_CODES.forbidden) {
    super(code, message);
  }
}

export class TooManyRequestsError extends AppError {
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(ERROR_CODES.rateLimited, message);
  }
}

export class NotFoundError extends AppError {
  readonly status = 404;
  constructor(message: string) {
    super(ERROR_CODES.notFound, message);
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  constructor(code: ErrorCode, message: string, details?: ErrorDetail[]) {
    super(code, message, details);
  }
}

/** Well-formed input that cannot be accepted as it is: not a certificate, a value that differs from SAP's. */
export class UnprocessableError extends AppError {
  readonly status = 422;
  constructor(code: ErrorCode, message: string, details?: ErrorDetail[]) {
    super(code, message, details);
  }
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  constructor(message: string) {
    super(ERROR_CODES.payloadTooLarge, message);
  }
}

export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  constructor(message: string) {
    super(ERROR_CODES.unavailable, message);
  }
}
