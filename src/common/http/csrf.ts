import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signed double-submit CSRF tokens (OWASP): the browser holds a random HttpOnly cookie; forms
 * carry HMAC(secret, cookie). A cross-site page can neither read the cookie nor forge the
 * HMAC. Works before sign-in too (the sign-in form is protected).
 */
/** A fresh random CSRF cookie value (also given at sign-in, so a token learnt before it is useless after). */
export function newCsrfCookieValue(): string {
  return randomBytes(24).toString('base64url');
}

export class Csrf {
  constructor(private readonly secret: string) {}

  newCookieValue(): string {
    return newCsrfCookieValue();
  }

  tokenFor(cookieValue: string): string {
    return createHmac('sha256', this.secret).update('csrf:' + cookieValue).digest('base64url');
  }

  verify(cookieValue: string | undefined, token: unknown): boolean {
    if (!cookieValue || typeof token !== 'string' || !token) return false;
    const expected = Buffer.from(this.tokenFor(cookieValue));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
