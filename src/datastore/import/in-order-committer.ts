import type { Batch } from './batch.js';
import type { ImportCommit, ImportCounts } from './results.js';

export interface CommitSteps {
  /** Called in line order, one at a time. */
  commit: (c: ImportCommit) => Promise<void>;
  onProgress?: (c: ImportCounts) => void;
}

/**
 * Commits batches strictly in line order, one at a time, whatever order their calls end in:
 * a batch that is done waits for every batch queued before it, so a checkpoint never skips
 * an unfinished one. Each commit adds the batch to the counts and hands over its failures.
 */
export class InOrderCommitter {
  /** Totals so far, carried over from `start`. */
  readonly counts: ImportCounts;
  private readonly queue: Batch[] = [];
  private committing = Promise.resolve();

  constructor(
    private readonly steps: CommitSteps,
    start?: ImportCounts,
  ) {
    this.counts = { ...(start ?? { stored: 0, failed: 0, skipped: 0 }) };
  }

  /** Takes its place in line; batches are queued in line order. */
  enqueue(b: Batch): void {
    this.queue.push(b);
  }

  /** Marks the batch done and commits what is ready. */
  finish(b: Batch): Promise<void> {
    b.done = true;
    return this.commitReady();
  }

  /** Commits the done batches at the head of the line, after any commit under way; rejects if a commit fails. */
  commitReady(): Promise<void> {
    this.committing = this.committing.then(async () => {
      const counts = this.counts;
      while (this.queue[0]?.done) {
        const b = this.queue.shift() as Batch;
        counts.stored += b.stored;
        counts.skipped += b.skipped;
        counts.failed += b.failures.length;
        b.failures.sort((x, y) => x.line - y.line);
        await this.steps.commit({ line: b.endLine, offset: b.endOffset, failures: b.failures, ...counts });
        this.steps.onProgress?.({ ...counts });
      }
    });
    return this.committing;
  }

  /** Resolves once the commits under way have ended, whether they failed or not. */
  async settle(): Promise<void> {
    await this.committing.catch(() => undefined);
  }
}
