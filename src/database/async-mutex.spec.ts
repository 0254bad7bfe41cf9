import { AsyncMutex } from './async-mutex';

describe('AsyncMutex', () => {
  it('never lets two holders overlap and keeps arrival order', async () => {
    const mutex = new AsyncMutex();
    let inside = 0;
    let maxInside = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        mutex.runExclusive(async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await new Promise((r) => setTimeout(r, i % 3));
          order.push(i);
          inside--;
        }),
      ),
    );
    expect(maxInside).toBe(1);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('releases the lock when the holder throws', async () => {
    const mutex = new AsyncMutex();
    await expect(mutex.runExclusive(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.runExclusive(async () => 42)).resolves.toBe(42);
  });
});
