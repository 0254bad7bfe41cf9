import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { isApiPath } from '../http/request-pipeline';
import { JsonLogger, LOGGER } from '../logging/json-logger';
import { AppError, ErrorDetail } from './app-error';

interface Described {
  status: number;
  code: string;
  message: string;
  details?: ErrorDetail[] | Record<string, unknown>;
}

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
};

/** Errors from body parsing (express/body-parser), before any route runs. */
export function describeBodyError(err: { type?: string; status?: number; statusCode?: number }): Described | null {
  switch (err.type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' };
    case 'entity.too.large':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1 MB' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported body encoding' };
    case 'parameters.too.many':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Too many form fields' };
    default:
      return null;
  }
}

export function describe(exception: unknown): Described {
  if (exception instanceof AppError) {
    return { status: exception.status, code: exception.code, message: exception.message, details: exception.details };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
    return {
      status,
      code: STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'),
      message: status === 404 && /^Cannot /.test(String(message)) ? 'No such page or endpoint' : Array.isArray(message) ? message.join('; ') : String(message),
    };
  }
  const body = describeBodyError((exception ?? {}) as { type?: string });
  if (body) return body;
  if (exception instanceof QueryFailedError) {
    const driverMessage = String((exception as { driverError?: { message?: string } }).driverError?.message ?? exception.message);
    if (driverMessage.includes('APPEND_ONLY')) {
      return { status: 409, code: 'APPEND_ONLY', message: 'This record is append-only and cannot be changed' };
    }
    if (/UNIQUE constraint failed|duplicate key value/i.test(driverMessage)) {
      return { status: 409, code: 'CONFLICT', message: 'A record with the same unique value already exists' };
    }
    if (/FOREIGN KEY constraint failed|violates foreign key constraint/i.test(driverMessage)) {
      return { status: 409, code: 'CONFLICT', message: 'A referenced record does not exist or is still in use' };
    }
  }
  return { status: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong. Quote the request id if you report it.' };
}

/**
 * The one place errors become responses: JSON { statusCode, code, message, details?, requestId }
 * for the API, an HTML page for the pages. Never a stack trace; unexpected errors are logged once.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const d = describe(exception);
    if (d.status >= 500) {
      const err = exception as Error;
      // Error name and message only: QueryFailedError parameters may hold patient data.
      this.logger.event('error', 'unhandled error', {
        requestId: req.requestId,
        error: err?.name,
        detail: err instanceof QueryFailedError ? String((err as { driverError?: { code?: string } }).driverError?.code ?? '') : err?.message,
        stack: err?.stack?.split('\n').slice(1, 6).join(' | '),
      });
    }
    sendError(req, res, d);
  }
}

export function sendError(req: Request, res: Response, d: Described): void {
  if (res.headersSent) return;
  if (d.status === 429 && d.details && typeof (d.details as { retryAfterSeconds?: number }).retryAfterSeconds === 'number') {
    res.setHeader('Retry-After', String((d.details as { retryAfterSeconds: number }).retryAfterSeconds));
  }
  const wantsHtml = !isApiPath(req.path) && req.method !== 'HEAD';
  if (wantsHtml) {
    if (d.status === 401) {
      res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl.startsWith('/') ? req.originalUrl : '/')}`);
      return;
    }
    if (d.code === 'PASSWORD_CHANGE_REQUIRED') {
      res.redirect(303, '/account/password');
      return;
    }
    res.status(d.status).render('web/views/error.njk', { ...res.locals, error: d, requestId: req.requestId, currentUser: (req as unknown as { user?: unknown }).user });
    return;
  }
  res.status(d.status).json({ statusCode: d.status, code: d.code, message: d.message, ...(d.details ? { details: d.details } : {}), requestId: req.requestId });
}
