import { join } from 'node:path';
import * as z from 'zod/mini';
import { findProjectRoot } from '../../config/project.js';
import type { Context } from '../../context/context.js';
import { diffNames } from '../../env/diff.js';
import { readDotenv } from '../../env/dotenv-file.js';
import { listVariableNames } from '../../env/requests.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { baseOptions, envTarget } from './app.js';

const Options = z.object({ ...baseOptions, file: z.optional(z.string().check(z.minLength(1, 'give a path'))) });
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const root = findProjectRoot(ctx.paths.cwd, ctx.paths.home);
  const path = o.file ?? join(root ?? ctx.paths.cwd, '.env');
  // The file is read first: a mistake in it is found before anything is sent.
  const local = (await readDotenv(path, o.file === undefined ? 'Create it, or name another dotenv file with --file.' : 'Check the path given to --file.')).map(
    (e) => e.name,
  );
  const t = await envTarget(ctx, o.app, 'diff');
  const d = diffNames(local, await listVariableNames(t.api, t.appId));
  const data = { app_id: t.appId, file: path, only_in_file: d.onlyInFile, only_in_app: d.onlyInApp };
  ctx.io.result(data, (r, ui) => {
    for (const n of r.only_in_file) ui.out(`+ ${n}`);
    for (const n of r.only_in_app) ui.out(`- ${n}`);
  });
  if (ctx.io.json) return;
  if (d.onlyInFile.length + d.onlyInApp.length === 0) ctx.io.info(`${path} and app ${t.appId} have the same variable names.`);
  else ctx.io.info(`+ in ${path}, not on app ${t.appId}; - on the app, not in the file.`);
}
