import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { baseOptions, emit, expressionArg, filterOf, settle, target, withWhere } from './request.js';

const Options = z.object({ ...baseOptions, expression: z.optional(z.string()), where: z.optional(z.string()) });
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const e = settle(ctx, withWhere(expressionArg(o.expression, 'count'), o.where), o.datastore, 'count');
  const t = await target(ctx, e, 'count', o.show);
  if (!t) return;
  const res = await (await ctx.api()).call('apps.datastore.count', { datastore: t.datastore, app_id: t.appId, ...filterOf(e) });
  emit(ctx, o.output, { datastore: res.datastore ?? t.datastore, count: res.count }, (r, ui) => ui.out(String(r.count)));
}
