import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { INLINE_MAX, prepareEntry, type PreparedEntry, type SourceFile } from './zip-writer-entry.js';

/** What {@link ReadAhead} needs to prepare entries. */
export interface ReadAheadOptions {
  level: number;
  spoolDir: string;
  /** Large entries streaming through the thread pool at once. */
  concurrency: number;
  signal: AbortSignal;
  onRead: (bytes: number) => void;
}

/** Bytes of small files read (and deflated) ahead of the entry being written. */
const INLINE_HELD = 8 << 20;
/** Deflated bytes of finished large entries kept in memory (not spooled) until their turn. */
const LARGE_HELD = 8 << 20;
/**
 * Bytes of small files deflated between two turns of the event loop (~10 ms of work): in between,
 * the thread pool's finished chunks are handed their next ones, so it never waits long on us.
 */
const SLICE = 256 * 1024;

const isLarge = (file: SourceFile) => file.size > INLINE_MAX;

/**
 * The order entries' data goes into the zip: every small file, then every large one, each kind in
 * the given order (the central directory keeps the given order). This thread deflates the small
 * files while the thread pool deflates the large ones, and neither waits for the other: a large
 * file first in line would otherwise hold every small one behind it.
 */
export function* writeOrder(files: readonly SourceFile[]): Generator<number> {
  for (let i = 0; i < files.length; i++) if (!isLarge(files[i]!)) yield i;
  for (let i = 0; i < files.length; i++) if (isLarge(files[i]!)) yield i;
}

interface Slot {
  promise: Promise<PreparedEntry>;
  resolve: (entry: PreparedEntry) => void;
  reject: (error: unknown) => void;
}

/**
 * Prepares the entries of a zip ahead of its writer (which takes them in {@link writeOrder}): large
 * files stream through the thread pool, up to `concurrency` at once, while small ones are deflated
 * on this thread in slices. Memory stays bounded: small files' data is held up to INLINE_HELD bytes
 * of source ahead of the writer; a finished large entry's data is in its spool file, or in memory
 * up to LARGE_HELD bytes in all, beyond which no more large entries start until some are written.
 */
export class ReadAhead {
  private readonly slots: (Slot | undefined)[] = [];
  /** Large entries started and not yet written, so a failure can remove their spool files. */
  private readonly large = new Map<number, Promise<PreparedEntry>>();
  /** Finished large entries not yet written: their deflated bytes in memory. */
  private readonly largeHeld = new Map<number, number>();
  private running = 0;
  private largeBytes = 0;
  private nextLarge = 0;
  private held = 0;
  private wake: (() => void) | undefined;
  private smallLoop: Promise<void> | undefined;

  constructor(
    private readonly files: readonly SourceFile[],
    private readonly o: ReadAheadOptions,
  ) {
    // Whatever the writer waits for when the signal aborts, it hears of it.
    o.signal.addEventListener('abort', () => {
      for (const slot of this.slots) slot?.reject(o.signal.reason);
    });
  }

  /** Starts preparing entries. */
  start(): void {
    this.startLarge();
    this.smallLoop = this.prepareSmall();
  }

  /** Entry `index`, once prepared; rejects with what stopped it. */
  take(index: number): Promise<PreparedEntry> {
    return this.slot(index).promise;
  }

  /** Entry `index` is in the zip: what it held is free, and more entries may start. */
  written(index: number): void {
    this.slots[index] = undefined;
    if (isLarge(this.files[index]!)) {
      this.large.delete(index);
      this.largeBytes -= this.largeHeld.get(index) ?? 0;
      this.largeHeld.delete(index);
      this.startLarge();
    } else {
      this.held -= this.files[index]!.size;
      this.wakeSmall();
    }
  }

  /** After a failure (the signal aborted): waits for the work under way and removes its spool files. */
  async stop(): Promise<void> {
    this.wakeSmall();
    await this.smallLoop;
    const settled = await Promise.allSettled(this.large.values());
    for (const s of settled) if (s.status === 'fulfilled' && s.value.spool) await unlink(s.value.spool).catch(() => {});
  }

  private slot(index: number): Slot {
    let slot = this.slots[index];
    if (!slot) {
      let resolve!: Slot['resolve'];
      let reject!: Slot['reject'];
      const promise = new Promise<PreparedEntry>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      // An entry prepared before a failure may never be taken: that is not an unhandled rejection.
      promise.catch(() => {});
      slot = { promise, resolve, reject };
      this.slots[index] = slot;
      if (this.o.signal.aborted) reject(this.o.signal.reason);
    }
    return slot;
  }

  private startLarge(): void {
    const { files, o } = this;
    while (this.running < o.concurrency && this.largeBytes < LARGE_HELD && !o.signal.aborted) {
      while (this.nextLarge < files.length && !isLarge(files[this.nextLarge]!)) this.nextLarge += 1;
      const index = this.nextLarge;
      if (index >= files.length) return;
      this.nextLarge += 1;
      this.running += 1;
      const slot = this.slot(index);
      const job = prepareEntry(files[index]!, this.prepareOptions(index));
      this.large.set(index, job);
      job.then(
        (entry) => {
          this.running -= 1;
          const inMemory = entry.chunks?.reduce((n, c) => n + c.length, 0) ?? 0;
          this.largeHeld.set(index, inMemory);
          this.largeBytes += inMemory;
          slot.resolve(entry);
          this.startLarge();
        },
        (e: unknown) => {
          this.running -= 1;
          slot.reject(e);
        },
      );
    }
  }

  private async prepareSmall(): Promise<void> {
    const { files, o } = this;
    let sinceTurn = 0;
    for (let index = 0; index < files.length; index++) {
      const file = files[index]!;
      if (isLarge(file)) continue;
      // With nothing held, the next one goes whatever its size.
      while (!o.signal.aborted && this.held > 0 && this.held + file.size > INLINE_HELD) await new Promise<void>((done) => (this.wake = done));
      if (o.signal.aborted) return;
      this.held += file.size;
      const slot = this.slot(index);
      try {
        slot.resolve(await prepareEntry(file, this.prepareOptions(index)));
      } catch (e) {
        slot.reject(e);
        return;
      }
      sinceTurn += file.size;
      if (sinceTurn >= SLICE) {
        sinceTurn = 0;
        await nextTurn();
      }
    }
  }

  private wakeSmall(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private prepareOptions(index: number) {
    const { level, signal, onRead, spoolDir } = this.o;
    return { level, signal, onRead, spoolPath: join(spoolDir, `spool-${index}`) };
  }
}
