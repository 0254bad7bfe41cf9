import { signInRateLimit } from '../config/app-config';

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
