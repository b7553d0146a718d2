import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import { unsetVariables } from '../../env/requests.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { baseOptions, checkNames, envTarget } from './app.js';

const Options = z.object({ ...baseOptions, name: z.optional(z.array(z.string())) });
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const names = [...new Set(o.name ?? [])];
  checkNames(names);
  const t = await envTarget(ctx, o.app, 'unset');
  await unsetVariables(t.api, t.appId, names);
  ctx.io.result({ app_id: t.appId, unset: names }, () => {});
  if (!ctx.io.json) ctx.io.success(`Unset ${names.join(', ')} on app ${t.appId}`);
}
