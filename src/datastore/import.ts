import type { SlackApi } from '../api/client.js';
import { checkLine, LineProblem, type SourceLine } from '../lib/item-lines.js';
import type { Item } from './expression.js';
import { BatchBuilder } from './import/batch.js';
import { BatchSender } from './import/batch-sender.js';
import { InOrderCommitter } from './import/in-order-committer.js';
import type { ImportCommit, ImportCounts } from './import/results.js';
import { SendWindow } from './import/send-window.js';
import { putBatch, type Target } from './requests.js';

export type { ImportCommit, ImportCounts, ImportFailure } from './import/results.js';
// The rules for a line of JSON Lines live in lib/, where the emulator's console import uses them too.
export { checkLine, LineProblem, MAX_ITEM_BYTES, streamLines, type CheckedItem, type SourceLine } from '../lib/item-lines.js';

/**
 * Bytes of items per call at most. Slack publishes no request limit; DynamoDB takes batch
 * writes up to 16 MB, and half that leaves room for the envelope and any proxy in between.
 * 25 items near the item limit would be 10 MB.
 */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;

/** Where an import stores its items. */
export interface ImportInto {
  api: Pick<SlackApi, 'call'>;
  target: Target;
}

export interface ImportSteps {
  /** Called in line order, one at a time; the caller writes failures and then its checkpoint. */
  commit: (c: ImportCommit) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
  onProgress?: (c: ImportCounts) => void;
}

export interface ImportOptions {
  primaryKey: string;
  /** Batches in flight at most; halved at each rate limit, grown back by one after every 8 successful calls. */
  concurrency?: number;
  /** Resends of items Slack returned in failed_items before they count as failed. */
  retries?: number;
  backoffMs?: number;
  /** Counts carried over from an interrupted run. */
  start?: ImportCounts;
  /** Bytes of items per call at most (MAX_BATCH_BYTES). */
  maxBatchBytes?: number;
}

/**
 * Stores the lines 25 to a call (fewer when they are large) with a few calls in flight.
 * Memory stays bounded: reading waits while the window is full, and a batch's failures are
 * handed over when it commits. Commits happen strictly in line order, so a checkpoint never
 * skips an unfinished batch. The last line with a given key wins: duplicates within a batch
 * fold into one item, and a batch waits for the calls in flight that hold any of its keys.
 */
export async function importLines(
  source: AsyncIterable<readonly SourceLine[]>,
  into: ImportInto,
  steps: ImportSteps,
  o: ImportOptions,
): Promise<ImportCounts & { line: number }> {
  const window = new SendWindow(o.concurrency ?? 4);
  const bulkPut = (items: Item[], onRateLimited: () => void) => putBatch(into.api, into.target, items, onRateLimited);
  const sender = new BatchSender({ bulkPut, sleep: steps.sleep }, window, { primaryKey: o.primaryKey, retries: o.retries ?? 3, backoffMs: o.backoffMs ?? 500 });
  const committer = new InOrderCommitter(steps, o.start);
  const batches = new BatchBuilder(o.primaryKey, o.maxBatchBytes ?? MAX_BATCH_BYTES);
  let lastLine = 0;
  let lastEnd = 0;

  const dispatch = async () => {
    const b = batches.take(lastLine, lastEnd);
    committer.enqueue(b);
    await window.waitForRoom();
    window.start(
      b.entries,
      () => sender.send(b, b.entries),
      () => committer.finish(b),
    );
  };

  try {
    for await (const lines of source) {
      for (const { line, text, end } of lines) {
        if (text.trim() === '') {
          batches.current.skipped++;
        } else {
          const c = checkLine(text, o.primaryKey);
          if (c instanceof LineProblem) batches.current.failures.push({ line, reason: c.reason, item: c.item });
          else if (!batches.add(line, c)) {
            // Too many bytes for one call with what the batch holds: send that first.
            await dispatch();
            batches.add(line, c);
          }
        }
        lastLine = line;
        lastEnd = end;
        if (batches.full) await dispatch();
      }
    }
    window.check();
    if (!batches.empty) await dispatch();
  } catch (e) {
    // Calls in flight end first, and what they finished commits: after this rejects, nothing is written.
    await window.drain();
    await committer.settle();
    throw e;
  }
  await window.drain();
  window.check();
  await committer.commitReady();
  return { ...committer.counts, line: lastLine };
}
