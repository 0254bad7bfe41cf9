import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Response } from 'express';
import helmet from 'helmet';
import { precomputedHelmet } from './security-headers';

/** A response that records its headers, as Node's would hold them. */
function recording(nonce: string) {
  const headers = new Map<string, string>([['x-powered-by', 'Express']]);
  const res = {
    locals: { cspNonce: nonce },
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
  };
  return { res, headers };
}

const options = (hsts: boolean) =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as unknown as Response).locals.cspNonce}'`],
        styleSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });

describe('precomputedHelmet', () => {
  it.each([false, true])('writes exactly the headers helmet writes, with each response its own nonce (HSTS %s)', (hsts) => {
    const live = options(hsts);
    const fast = precomputedHelmet(live);
    for (const nonce of ['abc123==', 'Zm9vYmFyYmF6cXV4MTIzNA==']) {
      const a = recording(nonce);
      const b = recording(nonce);
      let nexts = 0;
      live({} as IncomingMessage, a.res as unknown as ServerResponse, () => nexts++);
      fast({} as never, b.res as unknown as Response, () => nexts++);
      expect(nexts).toBe(2);
      expect(Object.fromEntries(b.headers)).toEqual(Object.fromEntries(a.headers));
      expect(b.headers.get('content-security-policy')).toContain(`'nonce-${nonce}'`);
      expect(b.headers.has('x-powered-by')).toBe(false);
      expect(b.headers.has('strict-transport-security')).toBe(hsts);
    }
  });
});
