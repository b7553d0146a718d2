import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import { isObject, parseJson } from '../../datastore/expression.js';
import { checkPrimaryKeys } from '../../datastore/primary-key.js';
import { putItem, updateItem } from '../../datastore/requests.js';
import { UsageError } from '../../errors/cli-error.js';
import { rerunCommand } from '../../auth/follow-up.js';
import { namingDatastores } from './manifest-check.js';
import { renderItem } from './render.js';
import { baseOptions, expressionArg, mismatch, outputWords, resolveRequest } from './request.js';

export const WriteOptions = z.object({ ...baseOptions, expression: z.optional(z.string()), item: z.optional(z.string()) });
export type WriteOptions = z.infer<typeof WriteOptions>;

/** `put` and `update` differ only in the method and the words. */
export async function writeItem(ctx: Context, o: WriteOptions, verb: 'put' | 'update'): Promise<void> {
  const e = expressionArg(o.expression, verb);
  if (o.item !== undefined) {
    if (e.item !== undefined) throw mismatch('--item and an "item" in the expression cannot be used together');
    const item = parseJson(o.item, '--item', verb);
    if (!isObject(item))
      throw new UsageError('--item must be a JSON object, like \'{"id": "42", "status": "done"}\'', { code: 'invalid_datastore_expression' });
    e.item = item;
  }
  const r = await resolveRequest(ctx, e, o, verb, { field: 'item', how: `rosi datastore ${verb} --item '{"id": "42", …}' --datastore <name>` });
  if (!r) return;
  const { target: t, api } = r;
  const sent = r.expression.item ?? {};
  await checkPrimaryKeys(t, [sent]);
  const rerun =
    o.expression === undefined && o.item !== undefined
      ? (c: { datastore?: string }) =>
          rerunCommand(o, ['datastore', verb, '--item', o.item as string, '--datastore', c.datastore ?? t.datastore, ...outputWords(ctx, o.output)])
      : undefined;
  const res = await namingDatastores(ctx, t, verb === 'put' ? putItem(api, t, sent) : updateItem(api, t, sent), rerun);
  const datastore = res.datastore ?? t.datastore;
  const item = res.item ?? sent;
  if (!ctx.io.json) ctx.io.success(`${verb === 'put' ? 'Stored' : 'Updated'} an item in datastore ${datastore}:`);
  ctx.io.result({ datastore, item }, renderItem);
}
