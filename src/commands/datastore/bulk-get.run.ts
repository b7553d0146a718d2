import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import { namingDatastores } from './manifest-check.js';
import { bulkGetItems } from '../../datastore/requests.js';
import { PartialFailureError } from '../../errors/cli-error.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { renderItems, summarizeFailed } from './render.js';
import { baseOptions, idsOrExpression, resolveRequest } from './request.js';

const Options = z.object({ ...baseOptions, ids: z.optional(z.array(z.string())) });
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const req = await resolveRequest(ctx, idsOrExpression(o.ids, 'bulk-get'), o, 'bulk-get', {
    field: 'ids',
    how: 'rosi datastore bulk-get <id>... --datastore <name>',
  });
  if (!req) return;
  const { expression: e, target: t, api } = req;
  const ids = e.ids as string[];
  const r = await namingDatastores(ctx, t, bulkGetItems(api, t, ids));
  const datastore = r.datastore ?? t.datastore;
  const json = ctx.io.json;
  const missing = ids.length - r.items.length - r.failed.length;
  if (!json) ctx.io.info(`${r.items.length} of ${ids.length} items from datastore ${datastore}${missing > 0 ? `; ${missing} not found` : ''}`);
  ctx.io.result({ datastore, items: r.items, failed_items: r.failed }, (d, ui) => renderItems(d.items, ui));
  if (r.failed.length) {
    throw new PartialFailureError(`${r.failed.length} of ${ids.length} items could not be read from datastore ${datastore}; retry them`, {
      details: summarizeFailed(r.failed),
    });
  }
}
