import { open, type FileHandle } from 'node:fs/promises';
import { readTextIfExists } from '../../config/read-optional.js';
import type { ImportCounts } from '../../datastore/import.js';
import { UsageError } from '../../errors/cli-error.js';
import { isObject } from '../../lib/is-object.js';

/** Lines up to `line` are done; the failures file holds `failures_bytes` bytes for them. */
export interface Checkpoint extends ImportCounts {
  line: number;
  failures_bytes: number;
}

/** Failure lines, the file opened on the first one (appended to on resume). */
export class FailureSink {
  private handle: FileHandle | undefined;
  constructor(private readonly path: string, public bytes: number, private readonly resume: boolean) {}

  async write(failures: readonly object[]): Promise<void> {
    if (failures.length === 0) return;
    this.handle ??= await open(this.path, this.resume ? 'a' : 'w');
    const text = failures.map((f) => `${JSON.stringify(f)}\n`).join('');
    await this.handle.write(text, null, 'utf8');
    this.bytes += Buffer.byteLength(text);
  }

  /** On disk before a checkpoint counts them: a resume truncates to the checkpoint's byte count. */
  async sync(): Promise<void> {
    await this.handle?.datasync();
  }

  async close(): Promise<void> {
    await this.sync();
    await this.handle?.close();
  }
}

export async function readCheckpoint(path: string): Promise<Checkpoint | undefined> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    v = undefined;
  }
  const fields = ['line', 'stored', 'failed', 'skipped', 'failures_bytes'] as const;
  if (!isObject(v) || !fields.every((f) => Number.isSafeInteger(v[f]))) {
    throw new UsageError(`${path} is not an import checkpoint`, { code: 'invalid_file', hint: 'Delete it and import again without --resume.' });
  }
  return v as unknown as Checkpoint;
}
