import { writeFileAtomic } from '../../config/atomic-write.js';

/**
 * Keeps the newest checkpoint and writes it at most once per `everyMs`, and on `flush()`.
 * Each write costs three fsyncs (temp file, rename, folder), which once per batch or page
 * would bound a transfer's rate; work done after the last write is simply done again on
 * resume. `beforeWrite` makes what the checkpoint counts durable first.
 */
export class CheckpointWriter<T> {
  private latest: T | undefined;
  private dirty = false;
  private last: number;

  constructor(
    private readonly path: string,
    private readonly beforeWrite: () => Promise<void>,
    private readonly now: () => number,
    private readonly everyMs = 1000,
  ) {
    this.last = now();
  }

  async record(c: T): Promise<void> {
    this.latest = c;
    this.dirty = true;
    if (this.now() - this.last >= this.everyMs) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.dirty || this.latest === undefined) return;
    await this.beforeWrite();
    // Atomic, so a crash leaves the old checkpoint or the new one.
    await writeFileAtomic(this.path, JSON.stringify(this.latest));
    this.dirty = false;
    this.last = this.now();
  }
}
