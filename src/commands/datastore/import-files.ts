import { open, type FileHandle } from 'node:fs/promises';
import { readTextIfExists } from '../../config/read-optional.js';
import type { ImportCounts } from '../../datastore/import.js';
import { UsageError } from '../../errors/cli-error.js';
import { isObject } from '../../lib/is-object.js';

/**
 * Lines up to `line`, the first `offset` bytes of the input (SHA-256 `sha256`), are done;
 * the failures file holds `failures_bytes` bytes for them. The rest says what they were
 * imported into, so a resume can tell that it continues the same import.
 */
export interface Checkpoint extends ImportCounts {
  line: number;
  offset: number;
  sha256: string;
  failures_bytes: number;
  datastore: string;
  app_id: string;
  primary_key: string;
}

/** Failure lines, the file opened on the first one (appended to on resume). */
export class FailureSink {
  private handle: FileHandle | undefined;
  constructor(
    private readonly path: string,
    public bytes: number,
    private readonly resume: boolean,
  ) {}

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

export async function readCheckpoint(path: string, startOver: string): Promise<Checkpoint | undefined> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    v = undefined;
  }
  const counts = ['line', 'offset', 'stored', 'failed', 'skipped', 'failures_bytes'] as const;
  const names = ['sha256', 'datastore', 'app_id', 'primary_key'] as const;
  if (!isObject(v) || !counts.every((f) => Number.isSafeInteger(v[f]) && (v[f] as number) >= 0) || !names.every((f) => typeof v[f] === 'string')) {
    throw new UsageError(`${path} is not an import checkpoint this rosi can resume from`, { code: 'invalid_file', hint: `Start over with \`${startOver}\`.` });
  }
  return v as unknown as Checkpoint;
}
