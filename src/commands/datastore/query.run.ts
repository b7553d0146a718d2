import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import type { Item } from '../../datastore/expression.js';
import { DEFAULT_MAX_ITEMS, queryPages } from '../../datastore/query.js';
import { queryPage } from '../../datastore/requests.js';
import type { RawInput } from '../../kit/define-command.js';
import { parsedFlag, parseOptions } from '../../kit/parse-options.js';
import { rerunCommand } from '../../auth/follow-up.js';
import { checkAgainstManifest, namingDatastores, type Rerun } from './manifest-check.js';
import { renderItems } from './render.js';
import { baseOptions, expressionArg, filterOf, mismatch, datastoreWords, outputWords, resolveRequest, withWhere } from './request.js';

const Count = parsedFlag(
  (s) => (/^\d+$/.test(s) && Number(s) >= 1 ? Number(s) : undefined),
  (s) => `"${s}" is not a positive whole number`,
);
const Options = z.object({
  ...baseOptions,
  expression: z.optional(z.string()),
  where: z.optional(z.string()),
  limit: z.optional(Count),
  all: z.optional(z.boolean()),
  cursor: z.optional(z.string().check(z.minLength(1, 'give a cursor'))),
  jsonl: z.optional(z.boolean()),
  check: z.optional(z.boolean()),
});
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

/** `--json`: a public contract. */
export interface QueryResult {
  datastore: string;
  items: Item[];
  next_cursor?: string;
}

export async function run(ctx: Context, o: Options): Promise<void> {
  const rerun: Rerun = (c) => {
    const where = c.where ?? o.where;
    return rerunCommand(o, [
      'datastore',
      'query',
      ...(o.expression === undefined ? [] : [o.expression]),
      ...datastoreWords(c.datastore ?? o.datastore),
      ...(where === undefined ? [] : ['--where', where]),
      ...(o.limit === undefined ? [] : ['--limit', String(o.limit)]),
      ...(o.all ? ['--all'] : []),
      ...(o.cursor === undefined ? [] : ['--cursor', o.cursor]),
      ...(o.jsonl ? ['--jsonl'] : []),
      ...outputWords(ctx, o.output),
      ...(c.extra ?? []),
    ]);
  };
  if (o.all && o.limit !== undefined) throw mismatch('--all and --limit cannot be used together');
  if (o.jsonl && ctx.io.json) throw mismatch('--jsonl and --json (or --output json) cannot be used together');
  const e = withWhere(expressionArg(o.expression, 'query'), o.where, rerun);
  if (o.cursor !== undefined) {
    if (e.cursor !== undefined && e.cursor !== o.cursor) throw mismatch('--cursor does not match the expression\'s "cursor"');
    e.cursor = o.cursor;
  }
  const r = await resolveRequest(ctx, e, o, 'query');
  if (!r) return;
  const { expression: s, target: t, api } = r;
  if (o.check !== false) await checkAgainstManifest(ctx, t, o.where, rerun);
  const filter = filterOf(s);
  const max = o.all ? Infinity : (o.limit ?? DEFAULT_MAX_ITEMS);
  const items: Item[] = [];
  let datastore = t.datastore;
  let next: string | undefined;
  const pages = queryPages(
    async (limit, cursor) => {
      const res = await namingDatastores(ctx, t, queryPage(api, t, filter, limit, cursor), rerun);
      datastore = res.datastore ?? datastore;
      return res;
    },
    { pageSize: s.limit, max, cursor: s.cursor },
  );
  for await (const page of pages) {
    if (o.jsonl) for (const item of page.items) ctx.io.jsonLine(item);
    else items.push(...page.items);
    next = page.nextCursor;
  }
  const json = ctx.io.json;
  if (!o.jsonl) {
    if (!json) ctx.io.info(`${items.length} ${items.length === 1 ? 'item' : 'items'} from datastore ${datastore}`);
    ctx.io.result<QueryResult>({ datastore, items, ...(next ? { next_cursor: next } : {}) }, (r, ui) => renderItems(r.items, ui));
  }
  if (next) ctx.io.info(`More items may match. Continue with --cursor ${next}${o.all ? '' : ', or fetch them all with --all'}.`);
}
