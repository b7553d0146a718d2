import type { DatastoreRequest, DatastoreRoute } from './datastore-request.js';
import { callAsOwner, MAX_QUERY_LIMIT } from '../../datastore/index.js';
import { isObject } from '../../../lib/is-object.js';
import { readJson } from '../body.js';
import { ConsoleError, sendConsoleJson } from '../reply.js';
import { exportItems, importItems } from './datastore-transfer.js';
import { datastoreTarget, filterOf, rethrowAsProblem, type DatastoreTarget } from './datastore-target.js';
import type { ItemsPage } from '../ui/pages/datastore/types.js';

/** Rows a page shows unless it asks for another number (at most MAX_PAGE_ROWS). */
export const DEFAULT_PAGE_ROWS = 50;
export const MAX_PAGE_ROWS = 200;
/**
 * Items one page request evaluates at most when a filter matches few: past it the page comes back short, with a
 * cursor to go on from. No request reads the whole datastore for one page (the count aside).
 */
export const MAX_EVALUATED_PER_PAGE = 5000;
/** An item is at most 400 KB; its JSON body, escaped, can be larger than the 1 MiB a console write takes by default. */
const MAX_ITEM_BODY_BYTES = 2 * 1024 * 1024;

const DATASTORE = String.raw`apps\/([^/]+)\/datastores\/([^/]+)`;
const path = (rest: string) => new RegExp(`^${DATASTORE}${rest}$`);
const target = (r: DatastoreRequest) => datastoreTarget(r.deps, r.params[0] as string, r.params[1] as string);

/**
 * One page of items, through the query evaluation `apps.datastore.query` runs (keyset by primary key, the
 * service's own cursor). A filtered page asks for the rows it still lacks until it has them, the datastore ends, or
 * MAX_EVALUATED_PER_PAGE items were looked at.
 */
async function itemsPage(r: DatastoreRequest, t: DatastoreTarget): Promise<ItemsPage> {
  const q = r.url.searchParams;
  const rows = rowsOf(q.get('limit'));
  const filter = filterOf(t, q.get('where'));
  const items: Record<string, unknown>[] = [];
  let cursor = q.get('cursor') ?? undefined;
  let evaluated = 0;
  try {
    do {
      const want = Math.min(rows - items.length, MAX_QUERY_LIMIT);
      const page = await callAsOwner(r.deps, t.app, 'query', { datastore: t.name, ...filter, limit: want, ...(cursor ? { cursor } : {}) });
      items.push(...(page.items as Record<string, unknown>[]));
      cursor = (page.response_metadata as { next_cursor?: string } | undefined)?.next_cursor;
      evaluated += want;
    } while (cursor !== undefined && items.length < rows && evaluated < MAX_EVALUATED_PER_PAGE);
    const { count } = (await callAsOwner(r.deps, t.app, 'count', { datastore: t.name, ...filter })) as { count: number };
    return {
      app_id: t.app.id,
      datastore: t.name,
      primary_key: t.primaryKey,
      attributes: t.attributes,
      where: q.get('where')?.trim() ?? '',
      count,
      items,
      ...(cursor === undefined ? {} : { next_cursor: cursor }),
    };
  } catch (e) {
    rethrowAsProblem(e, 'The items could not be read');
  }
}

function rowsOf(raw: string | null): number {
  if (raw === null || raw === '') return DEFAULT_PAGE_ROWS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_ROWS) {
    throw new ConsoleError(400, 'invalid_limit', `limit must be a whole number from 1 to ${MAX_PAGE_ROWS}; got "${raw}".`);
  }
  return n;
}

/**
 * Stores an item as `apps.datastore.put` does, for the app's owner (as `rosi datastore put` with the owner's
 * login would): the same checks, and the same `datastore_request_result` entry in the app's activity.
 */
async function putItem(r: DatastoreRequest): Promise<void> {
  const t = target(r);
  const body = await readJson(r.req, MAX_ITEM_BODY_BYTES);
  if (!isObject(body) || !isObject(body.item)) {
    throw new ConsoleError(400, 'invalid_item', 'The body must be {"item": {…}}, the item a JSON object.', {
      hint: `For example {"item": {"${t.primaryKey}": "a1"}}.`,
    });
  }
  try {
    const answer = await callAsOwner(r.deps, t.app, 'put', { datastore: t.name, item: body.item });
    sendConsoleJson(r.res, 200, { datastore: t.name, item: answer.item });
  } catch (e) {
    rethrowAsProblem(e, 'The item was not stored');
  }
}

/** Deletes an item as `apps.datastore.delete` does (an item that is not there is no error, as there). */
async function deleteItem(r: DatastoreRequest): Promise<void> {
  const t = target(r);
  const id = r.params[2] as string;
  try {
    await callAsOwner(r.deps, t.app, 'delete', { datastore: t.name, id });
    sendConsoleJson(r.res, 200, { datastore: t.name, id });
  } catch (e) {
    rethrowAsProblem(e, 'The item was not deleted');
  }
}

export const DATASTORE_ROUTES: readonly DatastoreRoute[] = [
  {
    method: 'GET',
    path: path(String.raw`\/items`),
    handle: async (r) => sendConsoleJson(r.res, 200, await itemsPage(r, target(r))),
  },
  { method: 'PUT', path: path(String.raw`\/items`), handle: putItem },
  { method: 'DELETE', path: path(String.raw`\/items\/([^/]+)`), handle: deleteItem },
  { method: 'GET', path: path(String.raw`\/export`), handle: (r) => exportItems(r, target(r)) },
  { method: 'POST', path: path(String.raw`\/import`), handle: (r) => importItems(r, target(r)) },
];
