import type { Writable } from 'node:stream';
import type { Store } from '../store.js';
import type { SnapshotHeader } from './format.js';
import { openSnapshot, saveSnapshot } from './snapshot.js';

/** The emulator's whole state as one thing: saved, loaded, and reset to a checkpoint. */
export interface EmulatorState {
  /** Writes a snapshot of everything to `out`; its size in bytes. */
  save(out: Writable): Promise<number>;
  /** Replaces everything with the snapshot in `file`, once it is checked; a refused file changes nothing. */
  load(file: string): Promise<SnapshotHeader>;
  /** Remembers everything as it is now, in memory, for reset(). */
  checkpoint(): void;
  /** Everything back as at the last checkpoint: milliseconds, not a restart. False when no checkpoint was taken. */
  reset(): Promise<boolean>;
}

/** What replacing the state needs of the rest of the emulator. */
export interface StateParts {
  store: Store;
  uploadsDir: string;
  now(): Date;
  clockOffset: { get(): number; set(ms: number): void };
  /** Ends the runs in flight, so none writes into the state that replaces theirs. */
  interruptRuns(): Promise<void>;
  /** After a replace: the seeded team and user exist, runs left running end, the scheduler looks again. */
  afterReplace(): void;
}

export function emulatorState(p: StateParts): EmulatorState {
  // Taken only when asked: a copy of a large data folder in memory is not free.
  let checkpointOffset: number | undefined;
  // One replace at a time: a reset racing a load would interleave their rows' owners.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };
  const state: EmulatorState = {
    save: (out) => saveSnapshot({ store: p.store, uploadsDir: p.uploadsDir, clockOffsetMs: p.clockOffset.get() }, out, p.now()),
    load: (file) =>
      serial(async () => {
        const opened = await openSnapshot(file);
        try {
          await p.interruptRuns();
          await opened.apply({ store: p.store, uploadsDir: p.uploadsDir });
          p.clockOffset.set(opened.header.clock_offset_ms);
          p.afterReplace();
          return opened.header;
        } finally {
          await opened.dispose();
        }
      }),
    checkpoint() {
      p.store.checkpoint();
      checkpointOffset = p.clockOffset.get();
    },
    reset: () =>
      serial(async () => {
        if (checkpointOffset === undefined) return false;
        await p.interruptRuns();
        p.store.resetToCheckpoint();
        p.clockOffset.set(checkpointOffset);
        p.afterReplace();
        return true;
      }),
  };
  return state;
}
