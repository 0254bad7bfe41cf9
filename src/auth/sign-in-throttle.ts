/** Per client address: SIGN_IN_RATE_LIMIT attempts a minute, then a minute's block. */
export function signInThrottle(): Record<string, { limit: () => number; ttl: number; blockDuration: number }> {
  return {
    default: {
      limit: () => Number(process.env.SIGN_IN_RATE_LIMIT ?? 20),
      ttl: 60_000,
      blockDuration: 60_000,
    },
  };
}
