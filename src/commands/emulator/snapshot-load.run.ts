import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import { uploadSnapshot } from '../../api/emulator-snapshot.js';
import type { Context } from '../../context/context.js';
import { CliError, UsageError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { RawInput } from '../../kit/define-command.js';
import { addressOptions } from '../../kit/global-options.js';
import { parseOptions } from '../../kit/parse-options.js';
import { cliError } from './launch.js';
import { snapshotHost, snapshotHttp, withStartHint } from './snapshot-host.js';

const Options = z.object({
  apihost: addressOptions.apihost,
  file: z.string().check(z.minLength(1, 'give the snapshot file')),
});
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

/** `--json`: a public contract. */
export interface LoadSummary {
  file: string;
  api_host: string;
  created_at: string;
  rosi_version: string;
  schema_version: number;
}

export async function run(ctx: Context, o: Options): Promise<void> {
  const host = snapshotHost(ctx, o.apihost, 'load');
  const d = await import('../../emulator/index.js');
  const file = resolve(ctx.paths.cwd, o.file);
  // Checked here as --import checks it, so a bad file is named the same way and never sent.
  const header = await d.checkSnapshot(file).catch((e: unknown) => {
    throw d.isEmulatorError(e) ? cliError(e) : e;
  });
  const { size } = await stat(file);
  const endpoint = { origin: host, path: d.SNAPSHOT_PATH, mediaType: d.SNAPSHOT_MEDIA_TYPE };
  const answer = await uploadSnapshot(endpoint, createReadStream(file), size, snapshotHttp(ctx)).catch((e: unknown) => {
    throw withStartHint(e, host);
  });
  if (!answer.ok) {
    if (answer.status === 400) {
      throw new UsageError(`Cannot load the snapshot ${file}: ${answer.reason ?? answer.error}`, { code: answer.error, hint: answer.hint });
    }
    throw new CliError(answer.error, `The emulator at ${host} did not load ${file}: ${answer.message ?? answer.error}`, ExitCode.failed);
  }
  const summary: LoadSummary = {
    file: o.file,
    api_host: host,
    created_at: answer.created_at ?? header.created_at,
    rosi_version: answer.rosi_version ?? header.rosi_version,
    schema_version: answer.schema_version ?? header.schema_version,
  };
  ctx.io.result(summary, () => {});
  if (!ctx.io.json) ctx.io.success(`Loaded ${o.file} into the emulator at ${host} (saved ${summary.created_at} by rosi ${summary.rosi_version})`);
}
