import { readFile } from 'node:fs/promises';
import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import { namingDatastores } from './manifest-check.js';
import { isObject, parseJson, type Item } from '../../datastore/expression.js';
import { checkPrimaryKeys } from '../../datastore/primary-key.js';
import { bulkPutItems } from '../../datastore/requests.js';
import { PartialFailureError, UsageError } from '../../errors/cli-error.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { summarizeFailed } from './render.js';
import { baseOptions, expressionArg, mismatch, resolveRequest } from './request.js';
import { fsReason } from '../../lib/fs-error.js';

const Options = z.object({ ...baseOptions, expression: z.optional(z.string()), items: z.optional(z.string()), fromFile: z.optional(z.string()) });
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const e = expressionArg(o.expression, 'bulk-put');
  const sources = [e.items !== undefined && 'an "items" expression', o.items !== undefined && '--items', o.fromFile !== undefined && '--from-file'].filter(
    Boolean,
  );
  if (sources.length > 1) throw mismatch(`Give the items once: ${sources.join(' and ')} cannot be used together`);
  if (o.items !== undefined) e.items = itemsFlag(o.items);
  if (o.fromFile !== undefined) e.items = await itemsFile(ctx, o.fromFile);
  const req = await resolveRequest(ctx, e, o, 'bulk-put', { field: 'items', how: "passing --items '[{…}, …]' or --from-file <path>" });
  if (!req) return;
  const { target: t, api } = req;
  const items = req.expression.items as Item[];
  await checkPrimaryKeys(t, items);
  const many = items.length > 25;
  const r = await namingDatastores(ctx, t, bulkPutItems(api, t, items, many ? (p) => ctx.io.info(`  sent ${p.done} of ${p.total}`) : undefined));
  const datastore = r.datastore ?? t.datastore;
  const json = ctx.io.json;
  const stored = items.length - r.failed.length;
  // As text, the failed items are JSON lines: ready to save and retry with --from-file.
  ctx.io.result({ datastore, failed_items: r.failed }, (d, ui) => d.failed_items.forEach((f) => ui.jsonLine(f)));
  if (r.failed.length) {
    throw new PartialFailureError(`${r.failed.length} of ${items.length} items were not stored in datastore ${datastore}`, {
      details: summarizeFailed(r.failed),
      hint: json
        ? 'They are in failed_items on stdout.'
        : `They are on stdout, one per line: save them and retry with \`rosi datastore bulk-put --datastore ${datastore} --from-file <file>\`.`,
    });
  }
  if (!json) ctx.io.success(`Stored ${stored} ${stored === 1 ? 'item' : 'items'} in datastore ${datastore}${r.calls > 1 ? ` (${r.calls} calls)` : ''}`);
}

function itemsFlag(text: string): Item[] {
  const v = parseJson(text, '--items', 'bulk-put');
  if (!Array.isArray(v) || !v.every(isObject)) throw new UsageError('--items must be a JSON array of objects', { code: 'invalid_datastore_expression' });
  return v;
}

async function itemsFile(ctx: Context, path: string): Promise<Item[]> {
  let text: string;
  try {
    text = path === '-' ? await ctx.readStdin() : await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read --from-file ${path}: ${fsReason(e)}`, { code: 'invalid_file' });
  }
  const name = path === '-' ? 'stdin' : path;
  const items: Item[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const v = parseJson(line, `Line ${i + 1} of ${name}`, 'bulk-put');
    if (!isObject(v)) throw new UsageError(`Line ${i + 1} of ${name} is not a JSON object`, { code: 'invalid_datastore_expression' });
    items.push(v);
  });
  return items;
}
