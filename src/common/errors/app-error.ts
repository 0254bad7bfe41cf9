export interface ErrorDetail {
  code?: string;
  field?: string;
  message: string;
  [key: string]: unknown;
}

/**
 * An error the client can act on: a stable string code, an HTTP status and a message.
 * Modules define their own codes (OVERLAP, LEDGER_UNBALANCED ...) through this type; the
 * global filter turns it into { statusCode, code, message, details }.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    readonly details?: ErrorDetail[] | Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static notFound(what = 'Record'): AppError {
    return new AppError('NOT_FOUND', `${what} not found`, 404);
  }

  static forbidden(message = 'You do not have access to this'): AppError {
    return new AppError('FORBIDDEN', message, 403);
  }

  static conflict(code: string, message: string, details?: ErrorDetail[]): AppError {
    return new AppError(code, message, 409, details);
  }

  static validation(message: string, details?: ErrorDetail[]): AppError {
    return new AppError('VALIDATION_FAILED', message, 422, details);
  }
}
