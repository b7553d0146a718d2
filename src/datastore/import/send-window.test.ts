import { describe, expect, it } from 'vitest';
import { SendWindow } from './send-window.js';

/** A call that ends when told to. */
const gate = () => {
  let open!: () => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    open = res;
    fail = rej;
  });
  return { done, open, fail };
};
const tick = () => new Promise((res) => setTimeout(res, 0));

describe('SendWindow', () => {
  it('halves at each rate limit, never below one, and grows back by one after every 8 successes', () => {
    const w = new SendWindow(4);
    w.rateLimited();
    expect(w.size).toBe(2);
    w.rateLimited();
    w.rateLimited();
    expect(w.size).toBe(1);
    for (let i = 0; i < 7; i++) w.succeeded();
    expect(w.size).toBe(1);
    w.succeeded();
    expect(w.size).toBe(2);
    // A rate limit starts the count again.
    for (let i = 0; i < 7; i++) w.succeeded();
    w.rateLimited();
    for (let i = 0; i < 7; i++) w.succeeded();
    expect(w.size).toBe(1);
    for (let i = 0; i < 3 * 8 + 1; i++) w.succeeded();
    expect(w.size).toBe(4);
    // Never past where it started.
    for (let i = 0; i < 100; i++) w.succeeded();
    expect(w.size).toBe(4);
  });

  it('keeps no more batches in flight than its limit: the next waits for one to end', async () => {
    const w = new SendWindow(2);
    const calls = [gate(), gate(), gate()];
    let started = 0;
    const admit = async (i: number) => {
      await w.waitForRoom();
      w.start(
        [{ key: String(i) }],
        () => (started++, calls[i]!.done),
        async () => {},
      );
    };
    await admit(0);
    await admit(1);
    expect(w.inFlight).toBe(2);
    let third = false;
    const waiting = admit(2).then(() => (third = true));
    await tick();
    expect(third).toBe(false);
    expect(started).toBe(2);
    calls[1]!.open();
    await waiting;
    expect(started).toBe(3);
    expect(w.inFlight).toBe(2);
    calls[0]!.open();
    calls[2]!.open();
    await w.drain();
    expect(w.inFlight).toBe(0);
  });

  it('a batch with a key in flight waits for that call; others go at once', async () => {
    const w = new SendWindow(4);
    const first = gate();
    const order: string[] = [];
    w.start(
      [{ key: 'a' }, { key: 'b' }],
      () => (order.push('first'), first.done),
      async () => void order.push('first done'),
    );
    w.start(
      [{ key: 'c' }],
      async () => void order.push('other'),
      async () => {},
    );
    w.start(
      [{ key: 'x' }, { key: 'b' }],
      async () => void order.push('second'),
      async () => void order.push('second done'),
    );
    await tick();
    expect(order).toEqual(['first', 'other']);
    first.open();
    await w.drain();
    expect(order).toEqual(['first', 'other', 'first done', 'second', 'second done']);
  });

  it('keeps the first error: check throws it, no batch starts after it, and a batch waiting on its keys never sends', async () => {
    const w = new SendWindow(1);
    const first = gate();
    const sent: string[] = [];
    w.start(
      [{ key: 'a' }],
      () => first.done,
      async () => {},
    );
    w.start(
      [{ key: 'a' }],
      async () => void sent.push('waiting'),
      async () => {},
    );
    w.check();
    first.fail(new Error('first'));
    await w.drain();
    expect(sent).toEqual([]);
    expect(() => w.check()).toThrow('first');
    expect(() => w.waitForRoom()).toThrow('first');
    // A later failure does not replace it.
    w.start(
      [{ key: 'b' }],
      async () => {
        throw new Error('second');
      },
      async () => {},
    );
    await w.drain();
    expect(() => w.check()).toThrow('first');
  });

  it('waiting for room ends with the error of the call that made room', async () => {
    const w = new SendWindow(1);
    const call = gate();
    w.start(
      [{ key: 'a' }],
      () => call.done,
      async () => {},
    );
    const waiting = w.waitForRoom();
    expect(waiting).toBeInstanceOf(Promise);
    call.fail(new Error('boom'));
    await expect(waiting).rejects.toThrow('boom');
  });

  it('an error of the step after a send is kept as well', async () => {
    const w = new SendWindow(2);
    w.start(
      [{ key: 'a' }],
      async () => {},
      async () => {
        throw new Error('commit failed');
      },
    );
    await w.drain();
    expect(() => w.check()).toThrow('commit failed');
  });
});
