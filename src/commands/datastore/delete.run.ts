import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { rerunCommand } from '../../auth/follow-up.js';
import { namingDatastores } from './manifest-check.js';
import { deleteItem } from '../../datastore/requests.js';
import { baseOptions, idOrExpression, outputWords, resolveRequest } from './request.js';

const Options = z.object({ ...baseOptions, id: z.optional(z.string()) });
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const r = await resolveRequest(ctx, idOrExpression(o.id, 'delete'), o, 'delete', { field: 'id', how: 'rosi datastore delete <id> --datastore <name>' });
  if (!r) return;
  const { expression: e, target: t, api } = r;
  const simple = o.id !== undefined && e.id === o.id;
  const rerun = simple
    ? (c: { datastore?: string }) =>
        rerunCommand(o, ['datastore', 'delete', o.id as string, '--datastore', c.datastore ?? t.datastore, ...outputWords(ctx, o.output)])
    : undefined;
  const res = await namingDatastores(ctx, t, deleteItem(api, t, e.id as string), rerun);
  // Slack may leave both out of its answer; the request's values stand in (contract §6.2).
  const done = { datastore: res.datastore ?? t.datastore, id: res.id ?? (e.id as string) };
  if (ctx.io.json) ctx.io.result(done, () => {});
  else ctx.io.success(`Deleted item ${done.id} from datastore ${done.datastore}`);
}
