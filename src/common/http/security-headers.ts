import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * The headers a helmet middleware sets, worked out once at start-up and then written on every
 * response with that response's CSP nonce put in: helmet itself rebuilds its dozen headers and
 * the whole policy string through a chain of a dozen middlewares on every request. The headers
 * are helmet's own (it runs once, on a stand-in response whose nonce is a marker), so they
 * cannot drift from its configuration; the nonce in `res.locals.cspNonce` must be the only
 * per-response input of the policy (helmet's other headers depend on its options alone).
 */
export function precomputedHelmet(middleware: Middleware) {
  const marker = `wwnonce${randomBytes(12).toString('hex')}`;
  const headers: { name: string; parts: string[] }[] = [];
  const removed: string[] = [];
  const capture = {
    locals: { cspNonce: marker },
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.push({ name, parts: String(value).split(marker) });
      return capture;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
    getHeader: () => undefined,
  } as unknown as ServerResponse;
  let called = false;
  middleware({ headers: {}, method: 'GET', url: '/' } as IncomingMessage, capture, (err) => {
    if (err) throw err;
    called = true;
  });
  if (!called) throw new Error('helmet did not answer synchronously: its headers cannot be precomputed');
  return (_req: Request, res: Response, next: NextFunction): void => {
    for (const name of removed) res.removeHeader(name);
    const nonce = String(res.locals.cspNonce);
    for (const h of headers) res.setHeader(h.name, h.parts.length === 1 ? h.parts[0] : h.parts.join(nonce));
    next();
  };
}
