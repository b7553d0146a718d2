import { createReadStream } from 'node:fs';
import { rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import { importLines, streamLines, type ImportCommit, type ImportCounts } from '../../datastore/import.js';
import { primaryKeyOf } from '../../datastore/primary-key.js';
import { CancelledError, PartialFailureError, UsageError } from '../../errors/cli-error.js';
import { createItemProgress, type ItemProgress } from '../../io/item-progress.js';
import type { RawInput } from '../../kit/define-command.js';
import { addressOptions } from '../../kit/global-options.js';
import { parseOptions } from '../../kit/parse-options.js';
import { CheckpointWriter } from './checkpoint-writer.js';
import { rerunCommand } from '../../auth/follow-up.js';
import { changedInput, checkTarget, PrefixHash } from './import-checkpoint.js';
import { FailureSink, readCheckpoint, type Checkpoint } from './import-files.js';
import { mismatch, resolveRequest } from './request.js';
import { fsReason } from '../../lib/fs-error.js';

const Options = z.object({
  ...addressOptions,
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
  const again = (resume: boolean, app?: string) => importCommand(o, resume, app);
  const from = o.resume && checkpointPath ? await readCheckpoint(checkpointPath, again(false)) : undefined;

  const r = await resolveRequest(ctx, {}, o, 'bulk-put');
  if (!r) return;
  const { target: t, api } = r;
  const primaryKey = o.primaryKey ?? (await primaryKeyOf(api, t));
  const belongs = { datastore: t.datastore, app_id: t.appId, primary_key: primaryKey };
  if (from && checkpointPath) {
    const that = importCommand({ ...o, datastore: from.datastore, primaryKey: from.primary_key }, true, from.app_id);
    checkTarget(checkpointPath, from, belongs, that, again(false, t.appId));
  }

  // Failures past the checkpoint belong to lines that will be read again.
  if (from)
    await truncate(failuresPath, from.failures_bytes).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  const now = () => ctx.clock.now().getTime();
  const sink = new FailureSink(failuresPath, from?.failures_bytes ?? 0, Boolean(from));
  const prefix = checkpointPath ? new PrefixHash() : undefined;
  const checkpoint = checkpointPath ? new CheckpointWriter<Checkpoint>(checkpointPath, () => sink.sync(), now) : undefined;
  const base = from ? from.stored + from.failed : 0;
  const progress: ItemProgress = ctx.io.json
    ? { update: () => {}, finish: () => {} }
    : createItemProgress(ctx.io, `Importing into ${t.datastore}`, now, base, size && from ? from.offset / size : 0);
  if (o.resume && !ctx.io.json) {
    ctx.io.info(from ? `Resuming after line ${from.line}` : `No checkpoint at ${checkpointPath}: starting from the beginning`);
  }
  let done: Pick<Checkpoint, 'line' | 'stored' | 'offset'> = { line: from?.line ?? 0, stored: from?.stored ?? 0, offset: from?.offset ?? 0 };
  const expect = from && { offset: from.offset, sha256: from.sha256, mismatch: () => changedInput(o.file, from, again(false, t.appId)) };
  const input = prefix ? prefix.tap(createReadStream(o.file), expect) : ctx.stdinStream();
  let counts: ImportCounts & { line: number };
  try {
    counts = await importLines(
      stopOn(ctx.signal, streamLines(input, from?.line ?? 0)),
      { api, target: t },
      {
        sleep: (ms) => ctx.clock.sleep(ms, ctx.signal),
        commit: async (c: ImportCommit) => {
          await sink.write(c.failures);
          done = c;
          if (!prefix || !checkpoint) return;
          prefix.advance(c.offset);
          const fields = { line: c.line, offset: c.offset, stored: c.stored, failed: c.failed, skipped: c.skipped, failures_bytes: sink.bytes, ...belongs };
          // Hashed only when written (at most once a second), from the hash state of this very commit.
          await checkpoint.record({ ...fields, sha256: '', toJSON: () => ({ ...fields, sha256: prefix.digest() }) } as Checkpoint);
        },
        onProgress: (c) => progress.update(c.stored + c.failed, size ? done.offset / size : undefined),
      },
      { primaryKey, ...(from ? { start: { stored: from.stored, failed: from.failed, skipped: from.skipped } } : {}) },
    );
  } catch (e) {
    // Interrupted or failed: what is done so far is kept for --resume. The first error says more than a failed save.
    await checkpoint?.flush().catch(() => undefined);
    if (ctx.signal.aborted || e instanceof CancelledError) throw interrupted(done, stdin, again(true, t.appId));
    throw e;
  } finally {
    await sink.close();
  }
  progress.finish(counts.stored + counts.failed);
  if (checkpointPath) await rm(checkpointPath, { force: true });

  const failuresFile = counts.failed > 0 ? failuresPath : null;
  ctx.io.result<ImportSummary>(
    { datastore: t.datastore, stored: counts.stored, failed: counts.failed, skipped: counts.skipped, failures_file: failuresFile },
    () => {},
  );
  const summary = `stored ${counts.stored}, failed ${counts.failed}, skipped ${counts.skipped} blank`;
  if (counts.failed > 0) {
    const retry = importCommand({ ...o, file: failuresPath, failures: undefined }, false, t.appId);
    throw new PartialFailureError(`Some lines were not stored in datastore ${t.datastore}: ${summary}`, {
      hint: `The failed lines and why are in ${failuresPath}; fix them there, then store them with \`${retry}\`.`,
    });
  }
  if (!ctx.io.json) ctx.io.success(`Imported into datastore ${t.datastore}: ${summary}`);
}

/** Ends reading at Ctrl-C: nothing more is sent once the process is asked to stop. */
async function* stopOn<T>(signal: AbortSignal, source: AsyncIterable<T>): AsyncGenerator<T> {
  for await (const x of source) {
    if (signal.aborted) throw new CancelledError();
    yield x;
  }
}

function interrupted(done: Pick<Checkpoint, 'line' | 'stored'>, stdin: boolean, resume: string): CancelledError {
  const kept = done.line === 0 ? 'no line was done yet' : `lines 1–${done.line} are done (${done.stored} items stored)`;
  if (stdin) return new CancelledError(`Import interrupted: ${kept}; stdin keeps no checkpoint, so start the rest from line ${done.line + 1}`);
  return new CancelledError(`Import interrupted: ${kept}`, { hint: `Continue from line ${done.line + 1} with \`${resume}\`.` });
}

/** This import as a command that runs as printed: the same input, target and host. */
function importCommand(o: Options, resume: boolean, app = o.app): string {
  const words = ['datastore', 'import', o.datastore, o.file];
  if (o.primaryKey !== undefined) words.push('--primary-key', o.primaryKey);
  if (o.failures !== undefined) words.push('--failures', o.failures);
  if (resume) words.push('--resume');
  return rerunCommand(o, words, app);
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
