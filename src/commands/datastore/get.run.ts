import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import { CliError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { rerunCommand } from '../../auth/follow-up.js';
import { namingDatastores } from './manifest-check.js';
import { renderItem } from './render.js';
import { getItem } from '../../datastore/requests.js';
import { baseOptions, idOrExpression, outputWords, resolveRequest } from './request.js';

const Options = z.object({ ...baseOptions, id: z.optional(z.string()) });
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const r = await resolveRequest(ctx, idOrExpression(o.id, 'get'), o, 'get', { field: 'id', how: 'rosi datastore get <id> --datastore <name>' });
  if (!r) return;
  const { expression: e, target: t, api } = r;
  const simple = o.id !== undefined && e.id === o.id;
  const rerun = simple
    ? (c: { datastore?: string }) =>
        rerunCommand(o, ['datastore', 'get', o.id as string, '--datastore', c.datastore ?? t.datastore, ...outputWords(ctx, o.output)])
    : undefined;
  const res = await namingDatastores(ctx, t, getItem(api, t, e.id as string), rerun);
  const datastore = res.datastore ?? t.datastore;
  // Slack answers ok:true with an empty item for a key it does not hold.
  if (!res.item || Object.keys(res.item).length === 0) {
    throw new CliError('item_not_found', `Not found: no item with primary key ${JSON.stringify(e.id)} in datastore ${datastore}`, ExitCode.failed);
  }
  if (!ctx.io.json) ctx.io.info(`Item ${e.id} from datastore ${datastore}:`);
  ctx.io.result({ datastore, item: res.item }, renderItem);
}
