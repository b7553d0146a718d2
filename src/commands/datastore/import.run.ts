import { createReadStream } from 'node:fs';
import { open, rm, stat, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import { importLines, type ImportCommit, type ImportCounts, type SourceLine } from '../../datastore/import.js';
import { PartialFailureError, UsageError } from '../../errors/cli-error.js';
import { createCountProgress } from '../../io/count-progress.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { isObject } from '../../lib/is-object.js';
import { mismatch, settle, target } from './request.js';
import { writeFileAtomic } from '../../config/atomic-write.js';
import { readTextIfExists } from '../../config/read-optional.js';

const Options = z.object({
  datastore: z.string().check(z.minLength(1, 'give a datastore name')),
  file: z.string().check(z.minLength(1, 'give a file, or - for stdin')),
  primaryKey: z.optional(z.string().check(z.minLength(1, 'give an attribute name'))),
  failures: z.optional(z.string().check(z.minLength(1, 'give a file'))),
  resume: z.optional(z.boolean()),
});
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

/** `--json` summary: a public contract. */
export interface ImportSummary extends ImportCounts {
  datastore: string;
  failures_file: string | null;
}

interface Checkpoint extends ImportCounts {
  line: number;
  failures_bytes: number;
}

export async function run(ctx: Context, o: Options): Promise<void> {
  const stdin = o.file === '-';
  if (o.resume && stdin) throw mismatch('--resume needs a file: stdin keeps no checkpoint');
  const stamp = ctx.clock.now().toISOString().replace(/[:.]/g, '-');
  const failuresPath = o.failures ?? (stdin ? join(ctx.paths.cwd, `datastore-import-${stamp}.failed.jsonl`) : `${o.file}.failed.jsonl`);
  const checkpointPath = stdin ? undefined : `${o.file}.checkpoint`;
  const size = stdin ? undefined : await stat(o.file).then((s) => s.size, (e: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read ${o.file}: ${e.code ?? e.message}`, { code: 'invalid_file' });
  });
  const from = o.resume && checkpointPath ? await readCheckpoint(checkpointPath) : undefined;

  const s = settle(ctx, {}, o.datastore, 'bulk-put');
  const t = await target(ctx, s, 'bulk-put', undefined);
  if (!t) return;
  const api = await ctx.api();
  const primaryKey = o.primaryKey ?? (await manifestKey(ctx, t.appId, t.datastore));

  // Failures past the checkpoint belong to lines that will be read again.
  if (from) await truncate(failuresPath, from.failures_bytes).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
  const sink = new FailureSink(failuresPath, from?.failures_bytes ?? 0, Boolean(from));
  let bytesRead = 0;
  const progress = createCountProgress(ctx.io, `Importing into ${t.datastore}`, () => ctx.clock.now().getTime());
  if (from) ctx.io.info(`Resuming after line ${from.line}`);
  let counts: ImportCounts & { line: number };
  try {
    counts = await importLines(readLines(ctx, o.file, from?.line ?? 0, (n) => (bytesRead += n)), {
      bulkPut: (items) => api.call('apps.datastore.bulkPut', { datastore: t.datastore, app_id: t.appId, items }),
      sleep: (ms) => ctx.clock.sleep(ms, ctx.signal),
      commit: async (c: ImportCommit) => {
        await sink.write(c.failures);
        if (checkpointPath) await saveCheckpoint(checkpointPath, { line: c.line, stored: c.stored, failed: c.failed, skipped: c.skipped, failures_bytes: sink.bytes });
      },
      onProgress: (c) => progress.update(c.stored + c.failed, size ? bytesRead / size : undefined),
    }, { primaryKey, ...(from ? { start: { stored: from.stored, failed: from.failed, skipped: from.skipped } } : {}) });
  } finally {
    await sink.close();
  }
  progress.finish(counts.stored + counts.failed);
  if (checkpointPath) await rm(checkpointPath, { force: true });

  const failuresFile = counts.failed > 0 ? failuresPath : null;
  if (ctx.globals.json) ctx.io.out(JSON.stringify({ datastore: t.datastore, stored: counts.stored, failed: counts.failed, skipped: counts.skipped, failures_file: failuresFile } satisfies ImportSummary, null, 2));
  const summary = `stored ${counts.stored}, failed ${counts.failed}, skipped ${counts.skipped} blank`;
  if (counts.failed > 0) {
    throw new PartialFailureError(`Some lines were not stored in datastore ${t.datastore}: ${summary}`, { hint: `The failed lines and why are in ${failuresPath}.` });
  }
  ctx.io.success(`Imported into datastore ${t.datastore}: ${summary}`);
}

/** Lines after `skip`, numbered from 1; a file is streamed, stdin arrives whole from the context. */
async function* readLines(ctx: Context, file: string, skip: number, onBytes: (n: number) => void): AsyncGenerator<SourceLine> {
  let n = 0;
  if (file === '-') {
    for (const text of (await ctx.readStdin()).split('\n')) {
      if (++n > skip) yield { line: n, text };
    }
    return;
  }
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const text of rl) {
    onBytes(Buffer.byteLength(text) + 1);
    if (++n > skip) yield { line: n, text };
  }
}

async function manifestKey(ctx: Context, appId: string, datastore: string): Promise<string> {
  const api = await ctx.api();
  const key = await api.call('apps.manifest.export', { app_id: appId }).then(
    (r) => {
      const stores = isObject(r.manifest) ? r.manifest.datastores : undefined;
      const def = isObject(stores) ? stores[datastore] : undefined;
      return isObject(def) && typeof def.primary_key === 'string' ? def.primary_key : undefined;
    },
    () => undefined,
  );
  if (key !== undefined) return key;
  throw new UsageError(`The primary key of datastore ${datastore} could not be read from the app manifest`, {
    code: 'missing_primary_key',
    hint: 'Name it with --primary-key <attr>.',
  });
}

/** Failure lines, the file opened on the first one (appended to on resume). */
class FailureSink {
  private handle: FileHandle | undefined;
  constructor(private readonly path: string, public bytes: number, private readonly resume: boolean) {}

  async write(failures: readonly object[]): Promise<void> {
    if (failures.length === 0) return;
    if (!this.handle) {
      this.handle = await open(this.path, this.resume ? 'a' : 'w');
    }
    const text = failures.map((f) => `${JSON.stringify(f)}\n`).join('');
    await this.handle.write(text, null, 'utf8');
    await this.handle.datasync();
    this.bytes += Buffer.byteLength(text);
  }

  async close(): Promise<void> {
    await this.handle?.close();
  }
}

async function readCheckpoint(path: string): Promise<Checkpoint | undefined> {
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

/** Written atomically, so a crash leaves the old checkpoint or the new one. */
async function saveCheckpoint(path: string, c: Checkpoint): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(c));
}
