import { open, rm, type FileHandle } from 'node:fs/promises';
import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import { exportItems, type ExportCheckpoint, type ExportQuery, type ExportResult } from '../../datastore/export.js';
import { UsageError } from '../../errors/cli-error.js';
import { createCountProgress } from '../../io/count-progress.js';
import type { RawInput } from '../../kit/define-command.js';
import { addressOptions } from '../../kit/global-options.js';
import { parseOptions } from '../../kit/parse-options.js';
import { CheckpointWriter } from './checkpoint-writer.js';
import { rerunCommand } from '../../auth/follow-up.js';
import { fileIdentity, readCheckpoint, resumePoint } from './export-resume.js';
import { checkAgainstManifest, namingDatastores, type Rerun } from './manifest-check.js';
import { queryPage } from '../../datastore/requests.js';
import { filterOf, mismatch, resolveRequest, withWhere } from './request.js';
import { fsReason } from '../../lib/fs-error.js';

const Options = z.object({
  ...addressOptions,
  datastore: z.string().check(z.minLength(1, 'give a datastore name')),
  where: z.optional(z.string()),
  outputFile: z.optional(z.string().check(z.minLength(1, 'give a file, or - for stdout'))),
  resume: z.optional(z.boolean()),
  check: z.optional(z.boolean()),
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
  const rerun: Rerun = (c) => {
    const where = c.where ?? o.where;
    return rerunCommand(o, [
      'datastore',
      'export',
      c.datastore ?? o.datastore,
      ...(o.outputFile === undefined ? [] : ['-o', o.outputFile]),
      ...(where === undefined ? [] : ['--where', where]),
      ...(o.resume ? ['--resume'] : []),
      ...(c.extra ?? []),
    ]);
  };
  const file = o.outputFile === undefined || o.outputFile === '-' ? undefined : o.outputFile;
  if (o.resume && file === undefined) throw mismatch('--resume needs --output-file <file>: stdout keeps no checkpoint');
  const r = await resolveRequest(ctx, withWhere({}, o.where, rerun), o, 'query');
  if (!r) return;
  const { expression: s, target: t, api } = r;
  if (o.check !== false) await checkAgainstManifest(ctx, t, o.where, rerun);
  const filter = filterOf(s);
  const query: ExportQuery = { datastore: t.datastore, app_id: t.appId, ...filter };
  const fetch = async (limit: number, cursor: string | undefined) => namingDatastores(ctx, t, queryPage(api, t, filter, limit, cursor), rerun);
  const progress = createCountProgress(ctx.io, `Exporting ${t.datastore}`, () => ctx.clock.now().getTime());

  if (file === undefined) {
    const r = await exportItems({ fetch, write: (text) => ctx.io.outData(text), checkpoint: async () => {}, onPage: (n) => progress.update(n) }, undefined);
    progress.finish(r.lines);
    return;
  }

  const checkpointPath = `${file}.checkpoint`;
  const saved = o.resume ? await readCheckpoint({ query, where: o.where, file, flags: o }) : undefined;
  // Resuming opens the file as it is (a missing one is the checkpoint's problem to report); otherwise it starts empty.
  const handle: FileHandle | undefined = await open(file, saved ? 'r+' : 'w').catch((e: NodeJS.ErrnoException) => {
    if (saved && e.code === 'ENOENT') return undefined;
    throw new UsageError(`Cannot write --output-file ${file}: ${fsReason(e)}`, { code: 'invalid_file' });
  });
  try {
    const from = saved ? await resumePoint(handle, saved, { query, where: o.where, file, flags: o }) : undefined;
    if (!handle) return; // only a resume finds no file, and resumePoint refused that
    let position = from?.bytes ?? 0;
    const owner: Pick<ExportCheckpoint, 'query' | 'where' | 'file'> = {
      query,
      ...(o.where === undefined ? {} : { where: o.where }),
      file: await fileIdentity(handle),
    };
    if (from) {
      await handle.truncate(from.bytes);
      ctx.io.info(`Resuming after ${from.lines} items`);
    }
    // The file is synced only before a checkpoint counts its bytes, not after every page.
    const checkpoint = new CheckpointWriter<ExportCheckpoint>(
      checkpointPath,
      () => handle.datasync(),
      () => ctx.clock.now().getTime(),
    );
    let r: ExportResult;
    try {
      r = await exportItems(
        {
          fetch,
          write: async (text) => {
            const { bytesWritten } = await handle.write(text, position, 'utf8');
            position += bytesWritten;
          },
          checkpoint: (c) => (c === undefined ? rm(checkpointPath, { force: true }) : checkpoint.record({ ...c, ...owner })),
          onPage: (n) => progress.update(n),
        },
        from,
      );
      await handle.datasync();
    } catch (e) {
      // Interrupted or failed: what is written so far is kept for --resume. The first error says more than a failed save.
      await checkpoint.flush().catch(() => undefined);
      throw e;
    }
    progress.finish(r.lines);
    ctx.io.result<ExportSummary>({ datastore: t.datastore, items: r.lines, file }, () => {});
    if (!ctx.io.json) ctx.io.success(`Exported ${r.lines} ${r.lines === 1 ? 'item' : 'items'} from datastore ${t.datastore} to ${file}`);
  } finally {
    await handle?.close();
  }
}
