/**
 * At most `limit` runs at once; the rest wait their turn in arrival order. 200 executions
 * started together run `limit` Deno processes at a time, never 200.
 */
export class RunSlots {
  private active = 0;
  private readonly waiting: { start: () => void; cancel: () => void }[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`A run limit must be a whole number of at least 1, not ${limit}`);
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with the slot's release once one is free; false when the wait was cancelled (the signal, or cancelAll). */
  acquire(signal?: AbortSignal): Promise<(() => void) | false> {
    if (signal?.aborted) return Promise.resolve(false);
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => {
      const entry = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.active++;
          resolve(this.releaser());
        },
        cancel: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(false);
        },
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
        entry.cancel();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  /** Turns away everything still waiting (the runtime is closing). */
  cancelAll(): void {
    for (const entry of this.waiting.splice(0)) entry.cancel();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.start();
    };
  }
}
