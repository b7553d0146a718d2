import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import { runBulk } from '../../datastore/bulk.js';
import { namingDatastores } from './manifest-check.js';
import type { Item } from '../../datastore/expression.js';
import { PartialFailureError } from '../../errors/cli-error.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { renderItems, summarizeFailed } from './render.js';
import { baseOptions, emit, idsOrExpression, need, settle, target, wantsJson } from './request.js';

const Options = z.object({ ...baseOptions, ids: z.optional(z.array(z.string())) });
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const e = settle(ctx, idsOrExpression(o.ids, 'bulk-get'), o.datastore, 'bulk-get');
  need(e, 'ids', 'bulk-get', 'rosi datastore bulk-get <id>... --datastore <name>');
  const t = await target(ctx, e, 'bulk-get', o.show);
  if (!t) return;
  const api = await ctx.api();
  const ids = e.ids as string[];
  const r = await namingDatastores(ctx, t, runBulk<string, string, Item>(ids, (batch) => api.call('apps.datastore.bulkGet', { datastore: t.datastore, app_id: t.appId, ids: batch })));
  const datastore = r.datastore ?? t.datastore;
  const json = wantsJson(ctx, o.output);
  const missing = ids.length - r.items.length - r.failed.length;
  if (!json) ctx.io.info(`${r.items.length} of ${ids.length} items from datastore ${datastore}${missing > 0 ? `; ${missing} not found` : ''}`);
  emit(ctx, o.output, { datastore, items: r.items, failed_items: r.failed }, (d, ui) => renderItems(d.items, ui));
  if (r.failed.length) {
    throw new PartialFailureError(`${r.failed.length} of ${ids.length} items could not be read from datastore ${datastore}; retry them`, {
      details: summarizeFailed(r.failed),
    });
  }
}
