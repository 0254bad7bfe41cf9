/** A small deterministic generator (mulberry32) seeded by a text, so the demo reads the same each time. */
export function random(seedText: string): (lo: number, hi: number) => number {
  let a = [...seedText].reduce((h, c) => (Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0) as number, 2166136261);
  return (lo, hi) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.round(lo + r * (hi - lo));
  };
}
