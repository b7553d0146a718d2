import type { SqliteDatabase } from './driver.js';
import { isDiskFull } from './disk-full.js';

/** How long a queued log row may wait for others to share its commit. */
export const FLUSH_AFTER_MS = 15;
/** A queue this long is written at once rather than at the timer. */
const MAX_QUEUED = 1000;

/** Told once when queued log rows could not be written (until a batch is written again). */
export type DroppedLogs = (message: string, error: unknown) => void;

/**
 * The rows a request writes only to say it happened (a read's activity event, the call log): queued and
 * written together, in one transaction, a moment after the answer went out. Whoever reads those tables calls
 * flush() first, so a reader sees every row queued before it, in the order they were queued. A batch that
 * cannot be written (a full disk, or any other failure) is dropped, said once: the reads it logged have
 * already answered, and a log must never fail them.
 */
export class DeferredWrites {
  private queue: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failing = false;
  private readonly writeAll: (writes: ReadonlyArray<() => void>) => void;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly onDropped: DroppedLogs = () => {},
  ) {
    this.writeAll = db.transaction((writes: ReadonlyArray<() => void>) => {
      for (const write of writes) write();
    });
  }

  /** Queues a write of prepared statements; it runs at the next flush. */
  add(write: () => void): void {
    this.queue.push(write);
    if (this.queue.length >= MAX_QUEUED) this.flush();
    else this.timer ??= unrefed(setTimeout(() => this.flush(), FLUSH_AFTER_MS));
  }

  /** Whether writes are waiting. */
  get pending(): boolean {
    return this.queue.length > 0;
  }

  /** Writes what is queued now, in one transaction; never throws. */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.queue.length === 0) return;
    // Taken before writing: a listener told of the rows may read, and so flush, again.
    const writes = this.queue;
    this.queue = [];
    // A request answered as the emulator stopped: close() wrote what was queued then, and nothing is left to write to.
    if (!this.db.open) return;
    try {
      this.writeAll(writes);
      this.failing = false;
    } catch (e) {
      if (this.failing) return;
      this.failing = true;
      const why = isDiskFull(e) ? 'the disk is full' : e instanceof Error ? e.message : String(e);
      const fix = isDiskFull(e) ? ' Free space on the disk holding the data folder.' : '';
      this.onDropped(
        `${writes.length} activity or call log entries were not kept (${why}); requests still answer, unlogged, until writes succeed again.${fix}`,
        e,
      );
    }
  }
}

/** A timer that does not keep the process alive: close() flushes what is left. */
function unrefed(t: ReturnType<typeof setTimeout>): ReturnType<typeof setTimeout> {
  t.unref?.();
  return t;
}
