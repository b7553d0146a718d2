import { createHash, type Hash } from 'node:crypto';
import { UsageError } from '../../errors/cli-error.js';
import type { Checkpoint } from './import-files.js';

/** What a checkpoint belongs to besides the file's content: a resume into anything else is refused. */
export interface ImportTarget {
  datastore: string;
  app_id: string;
  primary_key: string;
}

/**
 * SHA-256 of the first bytes of the input, for as many as are done: chunks pass through
 * `tap` and are hashed once `advance` says the lines they hold are committed, so the hash
 * always covers exactly the prefix a checkpoint counts. Only the bytes read ahead of the
 * commits are held, which is what the calls in flight hold anyway.
 */
export class PrefixHash {
  private hash: Hash = createHash('sha256');
  private hashed = 0;
  private seen = 0;
  private held: Buffer[] = [];

  /**
   * With `expect`, the input must start with the prefix a checkpoint counted: `mismatch`
   * is thrown as soon as it is known not to, before any line past it is handed on.
   */
  async *tap(chunks: AsyncIterable<Buffer>, expect?: { offset: number; sha256: string; mismatch: () => Error }): AsyncGenerator<Buffer> {
    let pending = expect;
    for await (const chunk of chunks) {
      this.held.push(chunk);
      this.seen += chunk.length;
      if (pending) {
        this.advance(Math.min(this.seen, pending.offset));
        if (this.hashed === pending.offset) {
          if (this.digest() !== pending.sha256) throw pending.mismatch();
          pending = undefined;
        }
      }
      yield chunk;
    }
    if (pending) throw pending.mismatch();
  }

  /** The first `offset` bytes are done. */
  advance(offset: number): void {
    while (this.hashed < offset) {
      const chunk = this.held[0] as Buffer;
      const take = Math.min(chunk.length, offset - this.hashed);
      this.hash.update(take === chunk.length ? chunk : chunk.subarray(0, take));
      this.hashed += take;
      if (take === chunk.length) this.held.shift();
      else this.held[0] = chunk.subarray(take);
    }
  }

  get offset(): number {
    return this.hashed;
  }

  digest(): string {
    return this.hash.copy().digest('hex');
  }
}

/** Refuses a checkpoint written for another datastore, app or primary key. */
export function checkTarget(path: string, c: Checkpoint, t: ImportTarget, resumeThat: string, startOver: string): void {
  const wrong = (['datastore', 'app_id', 'primary_key'] as const).filter((k) => c[k] !== t[k]);
  if (wrong.length === 0) return;
  const was = `datastore ${c.datastore} of app ${c.app_id} with primary key "${c.primary_key}"`;
  throw new UsageError(`${path} belongs to an import into ${was}, not into datastore ${t.datastore} of app ${t.app_id} with primary key "${t.primary_key}"`, {
    code: 'checkpoint_mismatch',
    hint: `Resume that one with \`${resumeThat}\`, or start over with \`${startOver}\`.`,
  });
}

export function changedInput(file: string, c: Checkpoint, startOver: string): UsageError {
  return new UsageError(
    `${file} has changed since the checkpoint was written: its first ${c.offset} bytes (lines 1–${c.line}) are not the ones already imported`,
    {
      code: 'checkpoint_mismatch',
      hint: `Start over with \`${startOver}\`.`,
    },
  );
}
