import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { rerunCommand } from '../../auth/follow-up.js';
import { checkAgainstManifest, namingDatastores, type Rerun } from './manifest-check.js';
import { countItems } from '../../datastore/requests.js';
import { baseOptions, expressionArg, filterOf, datastoreWords, outputWords, resolveRequest, withWhere } from './request.js';

const Options = z.object({ ...baseOptions, expression: z.optional(z.string()), where: z.optional(z.string()), check: z.optional(z.boolean()) });
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const rerun: Rerun = (c) => {
    const where = c.where ?? o.where;
    return rerunCommand(o, [
      'datastore',
      'count',
      ...(o.expression === undefined ? [] : [o.expression]),
      ...datastoreWords(c.datastore ?? o.datastore),
      ...(where === undefined ? [] : ['--where', where]),
      ...outputWords(ctx, o.output),
      ...(c.extra ?? []),
    ]);
  };
  const r = await resolveRequest(ctx, withWhere(expressionArg(o.expression, 'count'), o.where, rerun), o, 'count');
  if (!r) return;
  const { expression: e, target: t, api } = r;
  if (o.check !== false) await checkAgainstManifest(ctx, t, o.where, rerun);
  const res = await namingDatastores(ctx, t, countItems(api, t, filterOf(e)), rerun);
  ctx.io.result({ datastore: res.datastore ?? t.datastore, count: res.count }, (r, ui) => ui.out(String(r.count)));
}
