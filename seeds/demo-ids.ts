import { createHash } from 'node:crypto';

/** Stable ids for demo records, so a tour can link to them and tests can find them. */
export function demoId(name: string): string {
  const h = createHash('sha256').update('wardworks-demo:' + name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
