import type { ResponseOf } from '../../api/methods.js';
import { datastoreError, itemProblems, type ErrorDetail } from './datastore-config.js';
import { datastoreCall, injectedFailure, listParam } from './datastore-request.js';
import type { Item } from './datastore-store.js';
import type { EmulatorDeps } from '../deps.js';
import { isObject } from '../../lib/is-object.js';
import { MethodError } from '../errors.js';
import type { ParsedRequest } from '../http/index.js';

/** Slack documents 25 items per bulkPut (DynamoDB's batch size); bulkGet and bulkDelete get the same. */
export const MAX_BULK_ITEMS = 25;

const isString = (v: unknown): v is string => typeof v === 'string';

function checkCount(n: number, pointer: string): void {
  if (n > MAX_BULK_ITEMS) {
    throw datastoreError([{ code: 'too_many_items', message: `A bulk call takes at most ${MAX_BULK_ITEMS} items; got ${n}`, pointer }]);
  }
}

/** DynamoDB refuses a batch naming one key twice: the outcome would depend on the order. */
function duplicates(ids: string[], pointer: string, items?: Item[]): ErrorDetail[] {
  const seen = new Set<string>();
  return ids.flatMap((id, i) => {
    if (!seen.has(id)) {
      seen.add(id);
      return [];
    }
    const item = items?.[i];
    return [{ code: 'duplicate_primary_key', message: `"${id}" appears more than once in the request`, pointer: `${pointer}/${i}`, ...(item ? { item } : {}) }];
  });
}

/**
 * The call fails as a whole (nothing is written) when an item is invalid, each detail
 * carrying the item, which is what the official CLI's import reads to drop bad lines.
 * Items that fail to be written (only on request, through the control endpoint) come
 * back in failed_items with partial_failure, to be resent.
 */
export function bulkPut(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.datastore.bulkPut'> {
  const { app, def } = datastoreCall(req, deps);
  const items = listParam(req, 'items', isObject);
  checkCount(items.length, '/items');
  // An item too deep to write is too deep to echo back (JSON.stringify would overflow): its key stands in.
  const echo = (item: Item, code: string): Item => {
    if (code !== 'item_too_deep') return item;
    const key = item[def.primaryKey];
    return typeof key === 'string' ? { [def.primaryKey]: key } : {};
  };
  const problems = items.flatMap((item, i) => itemProblems(def, item, `/items/${i}`).map((p) => ({ ...p, item: echo(item, p.code) })));
  if (problems.length > 0) throw datastoreError(problems);
  const dupes = duplicates(
    items.map((item) => item[def.primaryKey] as string),
    '/items',
    items,
  );
  if (dupes.length > 0) throw datastoreError(dupes);
  const now = deps.now();
  const failed = deps.store.items.transaction(() =>
    items.filter((item) => {
      if (injectedFailure(deps)) return true;
      deps.store.items.put(app.id, def.name, item[def.primaryKey] as string, item, now);
      return false;
    }),
  );
  if (failed.length > 0) throw new MethodError('partial_failure', { datastore: def.name, failed_items: failed });
  return { datastore: def.name };
}

/** Missing IDs are no failure: they are simply not among the items. */
export function bulkGet(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.datastore.bulkGet'> {
  const { app, def } = datastoreCall(req, deps);
  const ids = idsOf(req);
  const items: Item[] = [];
  const failed: string[] = [];
  for (const id of ids) {
    if (injectedFailure(deps)) failed.push(id);
    else {
      const item = deps.store.items.get(app.id, def.name, id);
      if (item) items.push(item);
    }
  }
  if (failed.length > 0) throw new MethodError('partial_failure', { datastore: def.name, items, failed_items: failed });
  return { datastore: def.name, items };
}

export function bulkDelete(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.datastore.bulkDelete'> {
  const { app, def } = datastoreCall(req, deps);
  const ids = idsOf(req);
  const failed = deps.store.items.transaction(() =>
    ids.filter((id) => {
      if (injectedFailure(deps)) return true;
      deps.store.items.delete(app.id, def.name, id);
      return false;
    }),
  );
  if (failed.length > 0) throw new MethodError('partial_failure', { datastore: def.name, failed_items: failed });
  return { datastore: def.name };
}

function idsOf(req: ParsedRequest): string[] {
  const ids = listParam(req, 'ids', isString);
  checkCount(ids.length, '/ids');
  const dupes = duplicates(ids, '/ids');
  if (dupes.length > 0) throw datastoreError(dupes);
  return ids;
}
