import { open, rm } from 'node:fs/promises';
import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import { exportItems, parseCheckpoint, type ExportCheckpoint, type ExportResult } from '../../datastore/export.js';
import { UsageError } from '../../errors/cli-error.js';
import { createCountProgress } from '../../io/count-progress.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { CheckpointWriter } from './checkpoint-writer.js';
import { compact, filterOf, mismatch, settle, target, withWhere } from './request.js';
import { readTextIfExists } from '../../config/read-optional.js';
import { fsReason } from '../../lib/fs-error.js';

const Options = z.object({
  datastore: z.string().check(z.minLength(1, 'give a datastore name')),
  where: z.optional(z.string()),
  outputFile: z.optional(z.string().check(z.minLength(1, 'give a file, or - for stdout'))),
  resume: z.optional(z.boolean()),
});
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

/** `--json` summary: a public contract. */
export interface ExportSummary {
  datastore: string;
  items: number;
  file: string | null;
}

export async function run(ctx: Context, o: Options): Promise<void> {
  const file = o.outputFile === undefined || o.outputFile === '-' ? undefined : o.outputFile;
  if (o.resume && file === undefined) throw mismatch('--resume needs --output-file <file>: stdout keeps no checkpoint');
  const s = settle(ctx, withWhere({}, o.where), o.datastore, 'query');
  const t = await target(ctx, s, 'query', undefined);
  if (!t) return;
  const api = await ctx.api();
  const base = { datastore: t.datastore, app_id: t.appId, ...filterOf(s) };
  const fetch = async (limit: number, cursor: string | undefined) =>
    (await api.call('apps.datastore.query', compact({ ...base, limit, cursor }))) as { items: never[]; response_metadata?: { next_cursor?: string } };
  const progress = createCountProgress(ctx.io, `Exporting ${t.datastore}`, () => ctx.clock.now().getTime());

  if (file === undefined) {
    const r = await exportItems({ fetch, write: (text) => ctx.io.outData(text), checkpoint: async () => {}, onPage: (n) => progress.update(n) }, undefined);
    progress.finish(r.lines);
    return;
  }

  const checkpointPath = `${file}.checkpoint`;
  const from = o.resume ? await readCheckpoint(checkpointPath) : undefined;
  const handle = await open(file, from ? 'r+' : 'w').catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot write --output-file ${file}: ${fsReason(e)}`, { code: 'invalid_file' });
  });
  let position = from?.bytes ?? 0;
  try {
    if (from) {
      await handle.truncate(from.bytes);
      ctx.io.info(`Resuming after ${from.lines} items`);
    }
    // The file is synced only before a checkpoint counts its bytes, not after every page.
    const checkpoint = new CheckpointWriter<ExportCheckpoint>(checkpointPath, () => handle.datasync(), () => ctx.clock.now().getTime());
    let r: ExportResult;
    try {
      r = await exportItems({
        fetch,
        write: async (text) => {
          const { bytesWritten } = await handle.write(text, position, 'utf8');
          position += bytesWritten;
        },
        checkpoint: (c) => (c === undefined ? rm(checkpointPath, { force: true }) : checkpoint.record(c)),
        onPage: (n) => progress.update(n),
      }, from);
      await handle.datasync();
    } catch (e) {
      // Interrupted or failed: what is written so far is kept for --resume. The first error says more than a failed save.
      await checkpoint.flush().catch(() => undefined);
      throw e;
    }
    progress.finish(r.lines);
    if (ctx.globals.json) ctx.io.out(JSON.stringify({ datastore: t.datastore, items: r.lines, file } satisfies ExportSummary, null, 2));
    else ctx.io.success(`Exported ${r.lines} ${r.lines === 1 ? 'item' : 'items'} from datastore ${t.datastore} to ${file}`);
  } finally {
    await handle.close();
  }
}

async function readCheckpoint(path: string): Promise<ExportCheckpoint | undefined> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  const c = parseCheckpoint(text);
  if (!c) throw new UsageError(`${path} is not an export checkpoint`, { code: 'invalid_file', hint: 'Delete it and export again without --resume.' });
  return c;
}
