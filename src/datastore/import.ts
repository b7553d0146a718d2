import { ApiError } from '../errors/api-error.js';
import { isObject } from '../lib/is-object.js';
import { BULK_LIMIT, partialFailure } from './bulk.js';
import { hasPrimaryKey, type Item } from './expression.js';

/** One line of the input, numbered from 1. */
export interface SourceLine {
  line: number;
  text: string;
}

/** A line that was not stored, as written to the failures file. */
export interface ImportFailure {
  line: number;
  reason: string;
  item: string;
}

export interface ImportCounts {
  stored: number;
  failed: number;
  skipped: number;
}

/** Everything up to `line` is done; `failures` are those found since the last commit. */
export interface ImportCommit extends ImportCounts {
  line: number;
  failures: ImportFailure[];
}

export interface ImportSteps {
  /**
   * One `apps.datastore.bulkPut` call; rejects with ApiError on ok:false. `onRateLimited` is
   * to be called when Slack answers 429, even if the call then succeeds on a resend.
   */
  bulkPut: (items: Item[], onRateLimited: () => void) => Promise<unknown>;
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
}

interface Entry {
  line: number;
  text: string;
  item: Item;
}

interface Batch {
  entries: Entry[];
  failures: ImportFailure[];
  endLine: number;
  stored: number;
  skipped: number;
  done: boolean;
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
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    onBytes?.(bytes.length);
    const data = rest ? Buffer.concat([rest, bytes]) : bytes;
    const lines: SourceLine[] = [];
    let start = 0;
    for (let end = data.indexOf(10, start); end !== -1; end = data.indexOf(10, start)) {
      if (++n > skip) lines.push({ line: n, text: decodeLine(data, start, end) });
      start = end + 1;
    }
    rest = start < data.length ? data.subarray(start) : undefined;
    if (lines.length > 0) yield lines;
  }
  if (rest && ++n > skip) yield [{ line: n, text: decodeLine(rest, 0, rest.length) }];
}

function decodeLine(data: Buffer, start: number, end: number): string {
  return data.toString('utf8', start, end > start && data[end - 1] === 13 ? end - 1 : end);
}

/** Why a line cannot be sent, or the item it holds. */
export function checkLine(text: string, primaryKey: string): Item | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  if (!isObject(v)) return 'not a JSON object';
  if (!hasPrimaryKey(v, primaryKey)) return `no primary key "${primaryKey}" (a non-empty string)`;
  return v;
}

/**
 * Stores the lines 25 to a call with a few calls in flight. Memory stays bounded: reading
 * waits while the window is full, and a batch's failures are handed over when it commits.
 * Commits happen strictly in line order, so a checkpoint never skips an unfinished batch.
 */
export async function importLines(source: AsyncIterable<readonly SourceLine[]>, steps: ImportSteps, o: ImportOptions): Promise<ImportCounts & { line: number }> {
  const max = o.concurrency ?? 4;
  const retries = o.retries ?? 3;
  const backoff = o.backoffMs ?? 500;
  const counts: ImportCounts = { ...(o.start ?? { stored: 0, failed: 0, skipped: 0 }) };
  let limit = max;
  let streak = 0;
  const queue: Batch[] = [];
  const running = new Set<Promise<void>>();
  let committing = Promise.resolve();
  let lastLine = 0;
  let pending: Batch = { entries: [], failures: [], endLine: 0, stored: 0, skipped: 0, done: false };

  const commitReady = () => {
    committing = committing.then(async () => {
      while (queue[0]?.done) {
        const b = queue.shift() as Batch;
        counts.stored += b.stored;
        counts.skipped += b.skipped;
        counts.failed += b.failures.length;
        await steps.commit({ line: b.endLine, failures: b.failures, ...counts });
        steps.onProgress?.({ ...counts });
      }
    });
    return committing;
  };

  // A 429 means the pace is too high now: fewer batches in flight at once, not just a pause.
  const shrink = () => {
    limit = Math.max(1, Math.floor(limit / 2));
    streak = 0;
  };

  const send = async (b: Batch): Promise<void> => {
    let todo = b.entries;
    for (let attempt = 0; todo.length > 0; ) {
      let failedItems: unknown[] = [];
      try {
        await steps.bulkPut(todo.map((e) => e.item), shrink);
        // Grow back slowly: a window that just hit the limit would hit it again.
        if (limit < max && ++streak >= 8) {
          limit++;
          streak = 0;
        }
      } catch (e) {
        const partial = partialFailure<unknown, never>(e);
        const rejected = partial ? undefined : rejectedItems(e, todo.length);
        if (partial) failedItems = partial.failed_items ?? [];
        else if (rejected) {
          // Slack wrote nothing: drop the items it named and resend the rest.
          for (const [i, reason] of rejected) b.failures.push(failure(todo[i] as Entry, reason));
          todo = todo.filter((_, i) => !rejected.has(i));
          continue;
        } else if (e instanceof ApiError && e.slackError === 'ratelimited' && attempt < retries) {
          shrink();
          // The transport has already waited out Retry-After and given up: wait at least as long again.
          await steps.sleep(Math.max(backoff * 2 ** attempt++, (e.retryAfter ?? 0) * 1000));
          continue;
        } else throw e;
      }
      const failedKeys = new Set(failedItems.map((f) => (isObject(f) ? f[o.primaryKey] : f)));
      const again = todo.filter((en) => failedKeys.has(en.item[o.primaryKey]));
      b.stored += todo.length - again.length;
      todo = again;
      if (todo.length === 0) break;
      if (attempt >= retries) {
        for (const en of todo) b.failures.push(failure(en, `not stored after ${retries + 1} attempts (failed_items)`));
        break;
      }
      await steps.sleep(backoff * 2 ** attempt++);
    }
  };

  let broken: { error: unknown } | undefined;
  const check = () => {
    if (broken) throw broken.error;
  };
  const dispatch = async () => {
    const b = pending;
    b.endLine = lastLine;
    pending = { entries: [], failures: [], endLine: 0, stored: 0, skipped: 0, done: false };
    queue.push(b);
    while (running.size >= limit) await Promise.race(running);
    check();
    // Never rejects: the first error is kept and thrown from here, so none goes unhandled.
    const p: Promise<void> = send(b)
      .then(() => {
        b.done = true;
        return commitReady();
      })
      .catch((error: unknown) => void (broken ??= { error }))
      .finally(() => running.delete(p));
    running.add(p);
  };

  try {
    for await (const lines of source) {
      for (const { line, text } of lines) {
        lastLine = line;
        if (text.trim() === '') {
          pending.skipped++;
          continue;
        }
        const v = checkLine(text, o.primaryKey);
        if (typeof v === 'string') pending.failures.push({ line, reason: v, item: text });
        else pending.entries.push({ line, text, item: v });
        if (pending.entries.length === BULK_LIMIT || pending.failures.length >= BULK_LIMIT) await dispatch();
      }
    }
    check();
    if (pending.entries.length > 0 || pending.failures.length > 0 || pending.skipped > 0) await dispatch();
  } catch (e) {
    // Calls in flight end first, and what they finished commits: after this rejects, nothing is written.
    await Promise.all(running);
    await committing.catch(() => undefined);
    throw e;
  }
  await Promise.all(running);
  check();
  await commitReady();
  return { ...counts, line: lastLine };
}

function failure(e: Entry, reason: string): ImportFailure {
  return { line: e.line, reason, item: e.text };
}

/** `datastore_error` details that point at items of the call (`/items/3`), by index. */
function rejectedItems(e: unknown, size: number): Map<number, string> | undefined {
  if (!(e instanceof ApiError) || !isObject(e.body) || !Array.isArray(e.body.errors)) return undefined;
  const out = new Map<number, string>();
  for (const d of e.body.errors) {
    if (!isObject(d) || typeof d.pointer !== 'string') continue;
    const m = /^\/items\/(\d+)/.exec(d.pointer);
    const i = m ? Number(m[1]) : NaN;
    if (!(i < size)) continue;
    const reason = [d.code, d.message].filter((x) => typeof x === 'string').join(': ');
    out.set(i, out.has(i) ? `${out.get(i)}; ${reason}` : reason || e.slackError);
  }
  return out.size > 0 ? out : undefined;
}
