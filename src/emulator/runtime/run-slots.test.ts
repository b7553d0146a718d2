import { describe, expect, it } from 'vitest';
import { RunSlots } from './run-slots.js';

describe('RunSlots', () => {
  it('hands out `limit` slots at once and the rest in arrival order as they free up', async () => {
    const slots = new RunSlots(2);
    const order: number[] = [];
    const take = (n: number) =>
      slots.acquire().then((release) => {
        order.push(n);
        return release;
      });
    const [a, b] = await Promise.all([take(1), take(2)]);
    const c = take(3);
    const d = take(4);
    expect(slots.running).toBe(2);
    expect(slots.queued).toBe(2);
    if (!a || !b) throw new Error('expected slots');
    a();
    a(); // twice is once
    await c;
    expect(order).toEqual([1, 2, 3]);
    expect(slots.running).toBe(2);
    b();
    await d;
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('drops a waiter whose signal aborts, and every waiter on cancelAll', async () => {
    const slots = new RunSlots(1);
    await slots.acquire();
    const abort = new AbortController();
    const first = slots.acquire(abort.signal);
    const second = slots.acquire();
    abort.abort();
    expect(await first).toBe(false);
    expect(slots.queued).toBe(1);
    slots.cancelAll();
    expect(await second).toBe(false);
    expect(await slots.acquire(AbortSignal.abort())).toBe(false);
  });

  it('refuses a limit below one', () => {
    expect(() => new RunSlots(0)).toThrow('A run limit must be a whole number of at least 1, not 0');
  });
});
