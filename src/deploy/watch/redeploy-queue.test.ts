import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../test/helpers/manual-clock.js';
import { createRedeployQueue } from './redeploy-queue.js';

/** Lets the queue's promise chain run: a few turns of the microtask queue, no timers. */
const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

function setup() {
  const clock = new ManualClock('2026-12-01T10:00:00Z', false);
  const controller = new AbortController();
  const batches: string[][] = [];
  const errors: unknown[] = [];
  let finish: (() => void) | undefined;
  let running = 0;
  let most = 0;
  /** When true, each redeploy waits for release(): a deploy "under way". */
  let hold = false;
  const queue = createRedeployQueue({
    clock,
    signal: controller.signal,
    debounceMs: 200,
    redeploy: async (changed) => {
      batches.push(changed);
      most = Math.max(most, ++running);
      if (hold) await new Promise<void>((resolve) => (finish = resolve));
      running--;
      if (changed.includes('boom.ts')) throw new Error('boom');
    },
    onError: (e) => errors.push(e),
  });
  return {
    clock,
    queue,
    batches,
    errors,
    controller,
    mostAtOnce: () => most,
    holdDeploys: () => (hold = true),
    release: async () => {
      finish?.();
      finish = undefined;
      await settle();
    },
    advance: async (ms: number) => {
      clock.advance(ms);
      await settle();
    },
  };
}

describe('createRedeployQueue', () => {
  it('a burst of saves is one redeploy, 200 ms after the last of them', async () => {
    const t = setup();
    t.queue.changed('functions/a.ts');
    await settle();
    await t.advance(150);
    t.queue.changed('functions/b.ts');
    t.queue.changed('functions/a.ts');
    await settle();
    await t.advance(150);
    expect(t.batches).toEqual([]);
    await t.advance(50);
    expect(t.batches).toEqual([['functions/a.ts', 'functions/b.ts']]);
    t.controller.abort();
    await t.queue.stopped;
  });

  it('nothing changes: nothing is deployed, however long it waits', async () => {
    const t = setup();
    await t.advance(60_000);
    expect(t.batches).toEqual([]);
    expect(t.clock.sleeps).toEqual([]);
    t.controller.abort();
    await t.queue.stopped;
  });

  it('changes during a deploy queue exactly one more, after it ends; never two at once', async () => {
    const t = setup();
    t.holdDeploys();
    t.queue.changed('manifest.json');
    await settle();
    await t.advance(200);
    expect(t.batches).toEqual([['manifest.json']]);
    for (const f of ['a.ts', 'b.ts', 'c.ts']) t.queue.changed(f);
    await t.advance(1000);
    expect(t.batches).toHaveLength(1);
    await t.release();
    // Quiet for long enough already: the next one starts at once.
    expect(t.batches).toEqual([['manifest.json'], ['a.ts', 'b.ts', 'c.ts']]);
    await t.release();
    await t.advance(1000);
    expect(t.batches).toHaveLength(2);
    expect(t.mostAtOnce()).toBe(1);
    t.controller.abort();
    await t.queue.stopped;
  });

  it('a failed redeploy is reported and the queue carries on', async () => {
    const t = setup();
    t.queue.changed('boom.ts');
    await settle();
    await t.advance(200);
    expect(t.errors).toEqual([new Error('boom')]);
    t.queue.changed('fixed.ts');
    await settle();
    await t.advance(200);
    expect(t.batches).toEqual([['boom.ts'], ['fixed.ts']]);
    t.controller.abort();
    await t.queue.stopped;
  });

  it('an abort during the quiet spell stops the queue without deploying; later changes are dropped', async () => {
    const t = setup();
    t.queue.changed('a.ts');
    await settle();
    await t.advance(100);
    t.controller.abort();
    await t.queue.stopped;
    t.queue.changed('b.ts');
    await t.advance(1000);
    expect(t.batches).toEqual([]);
  });

  it('an abort during a deploy waits for it to end, then stops', async () => {
    const t = setup();
    t.holdDeploys();
    t.queue.changed('a.ts');
    await settle();
    await t.advance(200);
    t.queue.changed('b.ts');
    t.controller.abort();
    let stopped = false;
    void t.queue.stopped.then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    await t.release();
    expect(stopped).toBe(true);
    expect(t.batches).toEqual([['a.ts']]);
  });

  it("many redeploys add no listener to the signal beyond the queue's one", async () => {
    // A clock that moves itself through each sleep, so only the queue's own listeners are counted.
    const clock = new ManualClock('2026-12-01T10:00:00Z', true);
    const controller = new AbortController();
    let added = 0;
    const add = controller.signal.addEventListener.bind(controller.signal);
    controller.signal.addEventListener = ((...args: Parameters<typeof add>) => {
      added++;
      return add(...args);
    }) as typeof add;
    let deployed = 0;
    const queue = createRedeployQueue({ clock, signal: controller.signal, redeploy: async () => void deployed++, onError: () => {} });
    for (let i = 0; i < 200; i++) {
      queue.changed(`f${i}.ts`);
      await settle();
    }
    expect(deployed).toBe(200);
    expect(added).toBe(1);
    controller.abort();
    await queue.stopped;
  });
});
