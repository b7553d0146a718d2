import { describe, expect, it } from 'vitest';
import { ClockWaits } from './clock-wait.js';

/** A clock whose offset moves by hand, and sleeps that never end by themselves (only an abort ends them). */
function setting() {
  let offset = 0;
  const sleeps: number[] = [];
  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((_resolve, reject) => {
      sleeps.push(ms);
      signal.addEventListener('abort', () => reject(new Error('woken')), { once: true });
    });
  const waits = new ClockWaits(() => 1_000 + offset, sleep);
  return { waits, sleeps, move: (ms: number) => ((offset += ms), waits.clockMoved()) };
}

const never = new Promise<void>(() => undefined);
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('ClockWaits', () => {
  it('a moved clock that passes the deadline ends the wait; one that does not sleeps again for what is left', async () => {
    const { waits, sleeps, move } = setting();
    let ended: boolean | undefined;
    void waits.until(1_000 + 300_000, never, new AbortController().signal).then((r) => (ended = r));
    await tick();
    expect(sleeps).toEqual([300_000]);
    move(100_000);
    await tick();
    expect(ended).toBeUndefined();
    expect(sleeps).toEqual([300_000, 200_000]);
    move(250_000);
    await tick();
    expect(ended).toBe(false);
  });

  it('answers true when the awaited thing happens first, false when the signal aborts', async () => {
    const { waits } = setting();
    expect(await waits.until(2_000, Promise.resolve(), new AbortController().signal)).toBe(true);
    const stop = new AbortController();
    const waiting = waits.until(2_000, never, stop.signal);
    stop.abort();
    expect(await waiting).toBe(false);
  });
});
