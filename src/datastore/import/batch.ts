import { BULK_LIMIT } from '../bulk.js';
import type { Item } from '../expression.js';
import type { ImportFailure } from './results.js';

export interface Entry {
  line: number;
  item: Item;
  key: string;
  /** Earlier lines of the batch with the same key, folded into this one: the last line wins. */
  earlier?: { line: number; item: Item }[];
}

/** The lines of one call, and what became of them once sent. */
export interface Batch {
  entries: Entry[];
  /** Entry index by primary key. */
  keys: Map<string, number>;
  /** Lines that went into `entries`, folded ones included. */
  lines: number;
  bytes: number;
  failures: ImportFailure[];
  endLine: number;
  endOffset: number;
  stored: number;
  skipped: number;
  done: boolean;
}

export const newBatch = (): Batch => ({
  entries: [],
  keys: new Map(),
  lines: 0,
  bytes: 0,
  failures: [],
  endLine: 0,
  endOffset: 0,
  stored: 0,
  skipped: 0,
  done: false,
});

/** An entry that will not be stored, with the lines folded into it: each line is a failure of its own. */
export function failEntry(b: Batch, e: Entry, reason: string): void {
  for (const f of e.earlier ?? []) b.failures.push({ line: f.line, reason, item: f.item });
  b.failures.push({ line: e.line, reason, item: e.item });
}

/**
 * Fills one batch at a time: at most BULK_LIMIT lines (or failures), and at most `maxBytes` of
 * items unless a single item is larger. A key already in the batch takes the place of the
 * earlier line rather than a second place, so one call never holds a key twice.
 */
export class BatchBuilder {
  private pending = newBatch();

  constructor(
    private readonly primaryKey: string,
    private readonly maxBytes: number,
  ) {}

  /** The batch being filled. */
  get current(): Batch {
    return this.pending;
  }

  /** Adds a checked line's item; false, and nothing added, when its bytes do not fit beside what the batch holds. */
  add(line: number, c: { item: Item; bytes: number }): boolean {
    const pending = this.pending;
    const key = c.item[this.primaryKey] as string;
    const at = pending.keys.get(key);
    if (at === undefined) {
      if (pending.entries.length > 0 && pending.bytes + c.bytes > this.maxBytes) return false;
      pending.keys.set(key, pending.entries.length);
      pending.entries.push({ line, item: c.item, key });
    } else {
      const prev = pending.entries[at] as Entry;
      const earlier = prev.earlier ?? [];
      earlier.push({ line: prev.line, item: prev.item });
      pending.entries[at] = { line, item: c.item, key, earlier };
    }
    pending.bytes += c.bytes;
    pending.lines++;
    return true;
  }

  /** Enough lines, or enough failures, for one call. */
  get full(): boolean {
    return this.pending.lines >= BULK_LIMIT || this.pending.failures.length >= BULK_LIMIT;
  }

  /** Nothing to send, report or count. */
  get empty(): boolean {
    return this.pending.entries.length === 0 && this.pending.failures.length === 0 && this.pending.skipped === 0;
  }

  /** Hands over the batch as done up to `endLine` (the first `endOffset` bytes), and starts the next. */
  take(endLine: number, endOffset: number): Batch {
    const b = this.pending;
    b.endLine = endLine;
    b.endOffset = endOffset;
    this.pending = newBatch();
    return b;
  }
}
