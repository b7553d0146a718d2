import type { SlackApi } from '../api/client.js';
import { isObject } from '../lib/is-object.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../lib/json-depth.js';
import { hasPrimaryKey, type Item } from './expression.js';
import { BatchBuilder } from './import/batch.js';
import { BatchSender } from './import/batch-sender.js';
import { InOrderCommitter } from './import/in-order-committer.js';
import type { ImportCommit, ImportCounts } from './import/results.js';
import { SendWindow } from './import/send-window.js';
import { putBatch, type Target } from './requests.js';

export type { ImportCommit, ImportCounts, ImportFailure } from './import/results.js';

/** DynamoDB's item size limit, which the platform applies to an item's JSON text. */
export const MAX_ITEM_BYTES = 400 * 1024;

/**
 * Bytes of items per call at most. Slack publishes no request limit; DynamoDB takes batch
 * writes up to 16 MB, and half that leaves room for the envelope and any proxy in between.
 * 25 items near the item limit would be 10 MB.
 */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;

/** One line of the input, numbered from 1; `end` is the byte offset just past it. */
export interface SourceLine {
  line: number;
  text: string;
  end: number;
}

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
 * The lines of a byte or text stream, numbered from 1, from line `skip + 1` on, handed over a
 * chunk's worth at a time (an await per line costs more than the line). A line ends at `\n`
 * (a `\r` before it is dropped); only the unfinished last line is held between chunks, so
 * memory follows the longest line, not the input. Each line is decoded from the bytes on its
 * own: a slice of a decoded chunk would keep the whole chunk alive for as long as the line is.
 * `onBytes` hears of each chunk as it arrives.
 */
export async function* streamLines(chunks: AsyncIterable<Uint8Array | string>, skip = 0, onBytes?: (n: number) => void): AsyncGenerator<SourceLine[]> {
  let n = 0;
  let rest: Buffer | undefined;
  // Byte offset of data[0] in the input.
  let base = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    onBytes?.(bytes.length);
    const data = rest ? Buffer.concat([rest, bytes]) : bytes;
    const lines: SourceLine[] = [];
    let start = 0;
    for (let end = data.indexOf(10, start); end !== -1; end = data.indexOf(10, start)) {
      if (++n > skip) lines.push({ line: n, text: decodeLine(data, start, end), end: base + end + 1 });
      start = end + 1;
    }
    base += start;
    rest = start < data.length ? data.subarray(start) : undefined;
    if (lines.length > 0) yield lines;
  }
  if (rest && ++n > skip) yield [{ line: n, text: decodeLine(rest, 0, rest.length), end: base + rest.length }];
}

function decodeLine(data: Buffer, start: number, end: number): string {
  return data.toString('utf8', start, end > start && data[end - 1] === 13 ? end - 1 : end);
}

/** Why a line cannot be sent, with what to write to the failures file. */
export class LineProblem {
  constructor(
    readonly reason: string,
    readonly item: Item | string,
  ) {}
}

/** A checked line: the item, and its size where that is worth measuring (else its length). */
export interface CheckedItem {
  item: Item;
  bytes: number;
}

// No JSON text grows more than 6 characters per character when re-serialised (`1e20`), nor
// more than 3 bytes per character when encoded: shorter lines cannot reach the item limit.
const SURELY_SMALL = Math.floor(MAX_ITEM_BYTES / 18);

/**
 * The item a line holds, or why it cannot be sent. A line of a failures file
 * (`{"line", "reason", "item"}` and nothing else) stands for its item, so that file can be
 * fixed and imported as it is; an item kept as text (it was not JSON) is read as a line.
 */
export function checkLine(text: string, primaryKey: string, unwrap = true): CheckedItem | LineProblem {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return new LineProblem('not valid JSON', text);
  }
  if (!isObject(v)) return new LineProblem('not a JSON object', text);
  // A datastore keyed by one of the record's own names could hold items of that shape: those stay items.
  if (unwrap && !RECORD_KEYS.has(primaryKey) && isFailureRecord(v)) {
    if (typeof v.item === 'string') return checkLine(v.item, primaryKey, false);
    v = v.item;
  }
  const item = v as Item;
  // Deeper values would overflow the stack of JSON.stringify when sent. Counting brackets first
  // spares the walk for almost every line: fewer than that many cannot nest that deep.
  if (opensMoreThan(text, MAX_JSON_DEPTH) && jsonDepthExceeds(item, MAX_JSON_DEPTH))
    return new LineProblem(`nested more than ${MAX_JSON_DEPTH} levels deep`, text);
  if (!hasPrimaryKey(item, primaryKey)) return new LineProblem(`no primary key "${primaryKey}" (a non-empty string)`, item);
  // An unwrapped item's text is part of the line, so the line's length bounds it too.
  if (text.length <= SURELY_SMALL) return { item, bytes: text.length };
  const bytes = Buffer.byteLength(JSON.stringify(item));
  if (bytes > MAX_ITEM_BYTES) return new LineProblem(`item_too_large: ${bytes} bytes as JSON, over the ${MAX_ITEM_BYTES / 1024} KB item limit`, item);
  return { item, bytes };
}

const RECORD_KEYS = new Set(['line', 'reason', 'item']);

function opensMoreThan(text: string, max: number): boolean {
  let n = 0;
  for (const open of ['[', '{']) {
    for (let i = text.indexOf(open); i !== -1; i = text.indexOf(open, i + 1)) if (++n > max) return true;
  }
  return false;
}

function isFailureRecord(v: Record<string, unknown>): v is { line: number; reason: string; item: Item | string } {
  const keys = Object.keys(v);
  return keys.length === 3 && typeof v.line === 'number' && typeof v.reason === 'string' && (typeof v.item === 'string' || isObject(v.item));
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
