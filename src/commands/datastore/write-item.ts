import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import { isObject, parseJson } from '../../datastore/expression.js';
import { UsageError } from '../../errors/cli-error.js';
import { rosiCommand } from './command-line.js';
import { namingDatastores } from './manifest-check.js';
import { checkPrimaryKeys } from './primary-key.js';
import { renderItem } from './render.js';
import { baseOptions, emit, expressionArg, mismatch, need, outputWords, settle, target, wantsJson } from './request.js';

export const WriteOptions = z.object({ ...baseOptions, expression: z.optional(z.string()), item: z.optional(z.string()) });
export type WriteOptions = z.infer<typeof WriteOptions>;

/** `put` and `update` differ only in the method and the words. */
export async function writeItem(ctx: Context, o: WriteOptions, verb: 'put' | 'update'): Promise<void> {
  const e = expressionArg(o.expression, verb);
  if (o.item !== undefined) {
    if (e.item !== undefined) throw mismatch('--item and an "item" in the expression cannot be used together');
    const item = parseJson(o.item, '--item', verb);
    if (!isObject(item)) throw new UsageError('--item must be a JSON object, like \'{"id": "42", "status": "done"}\'', { code: 'invalid_datastore_expression' });
    e.item = item;
  }
  const s = settle(ctx, e, o.datastore, verb);
  need(s, 'item', verb, `rosi datastore ${verb} --item '{"id": "42", …}' --datastore <name>`);
  const t = await target(ctx, s, verb, o.show);
  if (!t) return;
  await checkPrimaryKeys(t, [s.item ?? {}]);
  const params = { datastore: t.datastore, app_id: t.appId, item: s.item ?? {} };
  const api = await ctx.api();
  const rerun = o.expression === undefined && o.item !== undefined
    ? (c: { datastore?: string }) => rosiCommand(ctx, ['datastore', verb, '--item', o.item as string, '--datastore', c.datastore ?? t.datastore, ...outputWords(ctx, o.output)])
    : undefined;
  const res = await namingDatastores(ctx, t, verb === 'put' ? api.call('apps.datastore.put', params) : api.call('apps.datastore.update', params), rerun);
  const datastore = res.datastore ?? t.datastore;
  const item = res.item ?? params.item;
  if (!wantsJson(ctx, o.output)) ctx.io.success(`${verb === 'put' ? 'Stored' : 'Updated'} an item in datastore ${datastore}:`);
  emit(ctx, o.output, { datastore, item }, renderItem);
}
