import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import { listVariableNames } from '../../env/requests.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { baseOptions, envTarget } from './app.js';

const Options = z.object({ ...baseOptions });
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const t = await envTarget(ctx, o.app, 'list');
  const names = await listVariableNames(t.api, t.appId);
  ctx.io.result({ app_id: t.appId, variable_names: names }, (d, ui) => d.variable_names.forEach((n) => ui.out(n)));
  if (names.length === 0 && !ctx.io.json) ctx.io.info(`App ${t.appId} has no environment variables.`);
}
