import { applyDecorators, UseGuards } from '@nestjs/common';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { publicRateLimit, signInRateLimit } from '../config/app-config';

/** Per client address: SIGN_IN_RATE_LIMIT attempts a minute, then a minute's block. */
export function signInThrottle(): Record<string, { limit: () => number; ttl: number; blockDuration: number }> {
  return {
    default: {
      limit: () => signInRateLimit(process.env), // validated at boot by loadConfig
      ttl: 60_000,
      blockDuration: 60_000,
    },
  };
}

/**
 * A public route's rate limit: PUBLIC_RATE_LIMIT requests a minute per client address and
 * route, then a minute's block (429 RATE_LIMITED). Counters live in the database
 * (DbThrottlerStorage), so the limit holds across app instances.
 */
export const PublicThrottle = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    UseGuards(ThrottlerGuard),
    Throttle({ default: { limit: () => publicRateLimit(process.env), ttl: 60_000, blockDuration: 60_000 } }),
  );
