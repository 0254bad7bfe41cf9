import { randomBytes, randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../../config/app-config';
import type { JsonLogger } from '../logging/json-logger';
import { requestContext } from '../request-context';
import { CSRF_COOKIE, parseCookies } from './cookies';
import { Csrf } from './csrf';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
    csrfCookie?: string;
  }
}

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/health' || path.startsWith('/.well-known/');
}

/** First middleware: request id, cookies, CSP nonce, CSRF cookie, no-store and the request context. */
export function requestPipeline(config: AppConfig, csrf: Csrf) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.header('x-request-id');
    req.requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.requestId);
    req.cookies = parseCookies(req.headers.cookie);
    res.locals.cspNonce = randomBytes(16).toString('base64');
    if (!isApiPath(req.path)) {
      let value = req.cookies[CSRF_COOKIE];
      if (!value || value.length < 20) {
        value = csrf.newCookieValue();
        res.cookie(CSRF_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
      }
      req.csrfCookie = value;
      res.locals.csrfToken = csrf.tokenFor(value);
    } else if (req.cookies[CSRF_COOKIE]) {
      req.csrfCookie = req.cookies[CSRF_COOKIE];
    }
    res.locals.currentPath = req.path;
    // Pages and API answers carry patient data: no browser or proxy may keep them. The few public
    // answers meant to be cached (issuer profiles, the public keys) set their own header; the
    // static files set theirs (serve-static only sets Cache-Control when none is set yet).
    if (!req.path.startsWith('/assets/') && !req.path.startsWith('/static/')) res.setHeader('Cache-Control', 'no-store');
    res.locals.serviceName = 'WardWorks';
    res.locals.demo = config.demoData;
    requestContext.run({ requestId: req.requestId, ip: req.ip ?? null }, () => next());
  };
}

/** One line per request: method, route pattern (never the URL with its ids or query), status, time. */
export function requestLogger(logger: JsonLogger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route?.path as string | undefined) ?? (res.statusCode === 404 ? '(unmatched)' : req.baseUrl || '(static)');
      logger.event(res.statusCode >= 500 ? 'error' : 'info', 'request', {
        requestId: req.requestId,
        method: req.method,
        route,
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        userId: (req as unknown as { user?: { id: string } }).user?.id,
      });
    });
    next();
  };
}
