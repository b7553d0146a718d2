/**
 * Waits by the emulator's clock: until a deadline on `now()`, or until `done` settles, or the signal aborts.
 * A timer alone would wait in real time, so a moved clock (POST /__emulator/clock) wakes every wait to look
 * again: a limit the clock has passed ends then, as a scheduled trigger's run fires then.
 */
export class ClockWaits {
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly now: () => number,
    /** A real-time sleep (rosi's Clock.sleep); rejects when its signal aborts. */
    private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>,
  ) {}

  /** The clock moved: every wait looks at it again. */
  clockMoved(): void {
    for (const wake of [...this.wakers]) wake();
  }

  /** Resolves true when `done` settled first, false at the deadline or when `signal` aborts. */
  async until(deadline: number, done: Promise<unknown>, signal: AbortSignal): Promise<boolean> {
    let finished = false;
    const settled = done.then(
      () => (finished = true),
      () => (finished = true),
    );
    while (!finished && !signal.aborted) {
      const remaining = deadline - this.now();
      if (remaining <= 0) return false;
      const wake = new AbortController();
      const waker = () => wake.abort();
      this.wakers.add(waker);
      signal.addEventListener('abort', waker, { once: true });
      try {
        await Promise.race([settled, this.sleep(remaining, wake.signal).catch(() => undefined)]);
      } finally {
        wake.abort();
        this.wakers.delete(waker);
        signal.removeEventListener('abort', waker);
      }
    }
    return finished;
  }
}
