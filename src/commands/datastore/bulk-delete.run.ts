import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import { bulkDeleteItems } from '../../datastore/requests.js';
import { namingDatastores } from './manifest-check.js';
import { PartialFailureError } from '../../errors/cli-error.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { summarizeFailed } from './render.js';
import { baseOptions, idsOrExpression, resolveRequest } from './request.js';

const Options = z.object({ ...baseOptions, ids: z.optional(z.array(z.string())) });
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const req = await resolveRequest(ctx, idsOrExpression(o.ids, 'bulk-delete'), o, 'bulk-delete', {
    field: 'ids',
    how: 'rosi datastore bulk-delete <id>... --datastore <name>',
  });
  if (!req) return;
  const { expression: e, target: t, api } = req;
  const ids = e.ids as string[];
  const r = await namingDatastores(ctx, t, bulkDeleteItems(api, t, ids));
  const datastore = r.datastore ?? t.datastore;
  const json = ctx.io.json;
  ctx.io.result({ datastore, failed_items: r.failed }, (d, ui) => d.failed_items.forEach((id) => ui.out(id)));
  if (r.failed.length) {
    throw new PartialFailureError(`${r.failed.length} of ${ids.length} items were not deleted from datastore ${datastore}`, {
      details: summarizeFailed(r.failed),
      hint: json
        ? 'They are in failed_items on stdout.'
        : 'Their IDs are on stdout, one per line: retry with `rosi datastore bulk-delete --datastore <name> $(cat <file>)`.',
    });
  }
  const deleted = ids.length;
  if (!json) ctx.io.success(`Deleted ${deleted} ${deleted === 1 ? 'item' : 'items'} from datastore ${datastore}${r.calls > 1 ? ` (${r.calls} calls)` : ''}`);
}
