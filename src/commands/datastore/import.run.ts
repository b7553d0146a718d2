import { createReadStream } from 'node:fs';
import { rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import { importLines, streamLines, type ImportCommit, type ImportCounts } from '../../datastore/import.js';
import { PartialFailureError, UsageError } from '../../errors/cli-error.js';
import { createCountProgress } from '../../io/count-progress.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { CheckpointWriter } from './checkpoint-writer.js';
import { FailureSink, readCheckpoint, type Checkpoint } from './import-files.js';
import { primaryKeyOf } from './primary-key.js';
import { mismatch, settle, target } from './request.js';
import { fsReason } from '../../lib/fs-error.js';

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

export async function run(ctx: Context, o: Options): Promise<void> {
  const stdin = o.file === '-';
  if (o.resume && stdin) throw mismatch('--resume needs a file: stdin keeps no checkpoint');
  const stamp = ctx.clock.now().toISOString().replace(/[:.]/g, '-');
  const failuresPath = o.failures ?? (stdin ? join(ctx.paths.cwd, `datastore-import-${stamp}.failed.jsonl`) : `${o.file}.failed.jsonl`);
  const checkpointPath = stdin ? undefined : `${o.file}.checkpoint`;
  const size = stdin ? undefined : await fileSize(o.file);
  const from = o.resume && checkpointPath ? await readCheckpoint(checkpointPath) : undefined;

  const s = settle(ctx, {}, o.datastore, 'bulk-put');
  const t = await target(ctx, s, 'bulk-put', undefined);
  if (!t) return;
  const primaryKey = o.primaryKey ?? (await primaryKeyOf(ctx, t));
  const api = await ctx.api();

  // Failures past the checkpoint belong to lines that will be read again.
  if (from) await truncate(failuresPath, from.failures_bytes).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
  const now = () => ctx.clock.now().getTime();
  const sink = new FailureSink(failuresPath, from?.failures_bytes ?? 0, Boolean(from));
  const checkpoint = checkpointPath ? new CheckpointWriter<Checkpoint>(checkpointPath, () => sink.sync(), now) : undefined;
  let bytesRead = 0;
  const progress = createCountProgress(ctx.io, `Importing into ${t.datastore}`, now);
  if (from) ctx.io.info(`Resuming after line ${from.line}`);
  const input = stdin ? ctx.stdinStream() : createReadStream(o.file);
  let counts: ImportCounts & { line: number };
  try {
    counts = await importLines(streamLines(input, from?.line ?? 0, (n) => (bytesRead += n)), {
      bulkPut: (items, onRateLimited) =>
        api.call('apps.datastore.bulkPut', { datastore: t.datastore, app_id: t.appId, items }, {
          onRetry: (status) => {
            if (status === 429) onRateLimited();
          },
        }),
      sleep: (ms) => ctx.clock.sleep(ms, ctx.signal),
      commit: async (c: ImportCommit) => {
        await sink.write(c.failures);
        await checkpoint?.record({ line: c.line, stored: c.stored, failed: c.failed, skipped: c.skipped, failures_bytes: sink.bytes });
      },
      onProgress: (c) => progress.update(c.stored + c.failed, size ? bytesRead / size : undefined),
    }, { primaryKey, ...(from ? { start: { stored: from.stored, failed: from.failed, skipped: from.skipped } } : {}) });
  } catch (e) {
    // Interrupted or failed: what is done so far is kept for --resume. The first error says more than a failed save.
    await checkpoint?.flush().catch(() => undefined);
    throw e;
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

/** Checked before any call, so a wrong path is a usage error rather than a read failure midway. */
async function fileSize(file: string): Promise<number> {
  const unreadable = (why: string) => new UsageError(`Cannot read ${file}: ${why}`, { code: 'invalid_file' });
  const s = await stat(file).catch((e: NodeJS.ErrnoException) => {
    throw unreadable(fsReason(e));
  });
  if (s.isDirectory()) throw unreadable('it is a folder, not a file');
  return s.size;
}
