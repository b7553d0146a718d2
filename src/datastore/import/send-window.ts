const ignore = (): undefined => undefined;

/**
 * How many batches may be in flight, and in what order they may go. The window starts at
 * `max`, halves at each rate limit and grows back by one after every 8 successful calls.
 * A batch holding a key that a call in flight holds waits for that call, so the last line
 * with a key is the last write of it. The first error of any call is kept: once a call has
 * failed, no batch starts, and `check` throws that error.
 */
export class SendWindow {
  private limit: number;
  private streak = 0;
  private readonly running = new Set<Promise<void>>();
  // Key → the sending of the newest batch in flight that holds it.
  private readonly sending = new Map<string, Promise<void>>();
  private broken: { error: unknown } | undefined;

  constructor(private readonly max: number) {
    this.limit = max;
  }

  /** Batches that may be in flight at once now. */
  get size(): number {
    return this.limit;
  }

  /** Batches in flight now. */
  get inFlight(): number {
    return this.running.size;
  }

  // A 429 means the pace is too high now: fewer batches in flight at once, not just a pause.
  // A bound function, as it is handed to every call.
  readonly rateLimited = (): void => {
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.streak = 0;
  };

  // Grow back slowly: a window that just hit the limit would hit it again.
  succeeded(): void {
    if (this.limit < this.max && ++this.streak >= 8) {
      this.limit++;
      this.streak = 0;
    }
  }

  /**
   * Resolves when one more batch may start, and throws the first error if a call failed. With
   * room already it returns nothing to wait for and throws at once: this runs for every batch,
   * and most find room.
   */
  waitForRoom(): Promise<void> | undefined {
    if (this.running.size >= this.limit) return this.untilRoom();
    this.check();
    return undefined;
  }

  private async untilRoom(): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    this.check();
  }

  check(): void {
    if (this.broken) throw this.broken.error;
  }

  /**
   * Starts `send` for a batch holding the keys of `keyed` as soon as the calls in flight that
   * hold any of them have ended, and then `after` once it succeeded. Never rejects and returns
   * nothing to await: the first error is kept and thrown by `check`, so none goes unhandled.
   */
  start(keyed: readonly { key: string }[], send: () => Promise<void>, after: () => Promise<void>): void {
    const before = new Set<Promise<void>>();
    for (const e of keyed) {
      const w = this.sending.get(e.key);
      if (w) before.add(w);
    }
    const sent =
      before.size === 0
        ? send()
        : Promise.all(before).then(() => {
            this.check();
            return send();
          });
    const settled = sent.then(ignore, ignore);
    for (const e of keyed) this.sending.set(e.key, settled);
    const p: Promise<void> = sent
      .then(after)
      .catch((error: unknown) => void (this.broken ??= { error }))
      .finally(() => {
        this.running.delete(p);
        for (const e of keyed) if (this.sending.get(e.key) === settled) this.sending.delete(e.key);
      });
    this.running.add(p);
  }

  /** Resolves once every call in flight has ended, whether it failed or not. */
  async drain(): Promise<void> {
    await Promise.all(this.running);
  }
}
