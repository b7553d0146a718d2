import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as z from 'zod/mini';
import { downloadSnapshot } from '../../api/emulator-snapshot.js';
import type { Context } from '../../context/context.js';
import { CancelledError, CliError, isCliError, UsageError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { RawInput } from '../../kit/define-command.js';
import { addressOptions } from '../../kit/global-options.js';
import { parseOptions } from '../../kit/parse-options.js';
import { fsReason } from '../../lib/fs-error.js';
import { writeSnapshotFile } from './snapshot-file.js';
import { snapshotHost, snapshotHttp, withStartHint } from './snapshot-host.js';

const Options = z.object({
  apihost: addressOptions.apihost,
  file: z.string().check(z.minLength(1, 'give the file to write')),
});
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

/** `--json`: a public contract. */
export interface SaveSummary {
  file: string;
  bytes: number;
  api_host: string;
}

export async function run(ctx: Context, o: Options): Promise<void> {
  const host = snapshotHost(ctx, o.apihost, 'save');
  const d = await import('../../emulator/index.js');
  const endpoint = { origin: host, path: d.SNAPSHOT_PATH, mediaType: d.SNAPSHOT_MEDIA_TYPE };
  const untouched = `${o.file} is as it was before.`;
  let bytes: number;
  try {
    bytes = await writeSnapshotFile(resolve(ctx.paths.cwd, o.file), ctx.clock.now(), async (out) => {
      const body = await downloadSnapshot(endpoint, snapshotHttp(ctx));
      const check = d.snapshotStreamCheck();
      await pipeline(async function* () {
        for await (const chunk of body) {
          const b = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
          check.update(b);
          yield b;
        }
      }, out).catch((e: unknown) => {
        throw isCliError(e) || (e as NodeJS.ErrnoException).syscall !== undefined
          ? e
          : new CliError('snapshot_incomplete', `The emulator at ${host} stopped sending the snapshot: ${reason(e)}`, ExitCode.failed, { cause: e });
      });
      const problem = check.problem();
      if (problem) throw new CliError('snapshot_incomplete', `The snapshot the emulator at ${host} sent is not whole: ${problem}`, ExitCode.failed);
    });
  } catch (e) {
    if (ctx.signal.aborted) throw new CancelledError(`Interrupted: ${untouched}`);
    const said = withStartHint(e, host);
    if (isCliError(said)) {
      if (said.code === 'snapshot_incomplete')
        throw new CliError(said.code, said.message, said.exitCode, { hint: `${untouched} Is the emulator still running? Save again.`, cause: said.cause });
      throw said;
    }
    // The file system's refusal (no such folder, no permission): the path given is what to fix.
    if ((e as NodeJS.ErrnoException).syscall !== undefined)
      throw new UsageError(`Cannot write ${o.file}: ${fsReason(e)}`, { code: 'invalid_file', hint: untouched, cause: e });
    throw e;
  }
  ctx.io.result<SaveSummary>({ file: o.file, bytes, api_host: host }, () => {});
  if (!ctx.io.json) ctx.io.success(`Saved the emulator’s state at ${host} to ${o.file} (${bytes} bytes)`);
}

const reason = (e: unknown) =>
  [e instanceof Error ? e.message : String(e), e instanceof Error && e.cause instanceof Error ? e.cause.message : ''].filter(Boolean).join(': ');
