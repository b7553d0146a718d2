import type { ResponseOf } from '../../api/methods.js';
import { datastoreError, MAX_NESTING, nestsDeeperThan } from './datastore-config.js';
import { decodeCursor, encodeCursor } from './datastore-cursor.js';
import { datastoreCall } from './datastore-request.js';
import type { Item } from './datastore-store.js';
import type { EmulatorDeps } from '../deps.js';
import { compileFilter, ExpressionError, type Predicate, type SqlFilter } from './expression/index.js';
import { isObject } from '../../lib/is-object.js';
import { MethodError } from '../errors.js';
import { jsonParam, RawJson, stringParam, type ParsedRequest } from '../http/index.js';

/** Items evaluated per page when the request names no limit (the official CLI's export pages by 100). */
export const DEFAULT_QUERY_LIMIT = 100;
/** A larger limit is lowered to this: a page never scans more items. */
export const MAX_QUERY_LIMIT = 1000;
/** DynamoDB stops a scan page once it has read 1 MB of items, matching or not. */
export const MAX_PAGE_BYTES = 1024 * 1024;

/** The request's filter, compiled; a bad one is datastore_error / invalid_expression, never a crash. */
function filterOf(req: ParsedRequest, primaryKey: string): { predicate: Predicate; sql: SqlFilter | undefined } {
  const attributes = jsonParam(req, 'expression_attributes');
  const values = jsonParam(req, 'expression_values');
  const expression = req.params.expression;
  if (attributes !== undefined && (!isObject(attributes) || !Object.values(attributes).every((v) => typeof v === 'string')))
    throw new MethodError('invalid_arguments');
  if (values !== undefined && !isObject(values)) throw new MethodError('invalid_arguments');
  if (expression !== undefined && typeof expression !== 'string') throw new MethodError('invalid_arguments');
  if (nestsDeeperThan(values, MAX_NESTING)) {
    throw datastoreError([{ code: 'invalid_expression', message: `expression_values nest deeper than ${MAX_NESTING} levels`, pointer: '/expression_values' }]);
  }
  try {
    return compileFilter({ expression, attributes: attributes as Record<string, string> | undefined, values, primaryKey });
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    throw datastoreError([{ code: 'invalid_expression', message: e.message, pointer: '/expression' }]);
  }
}

/** `limit` counts items evaluated. Absent, empty or 0 (clients leave zeros out) means the default. */
function limitOf(req: ParsedRequest): number {
  const raw = req.params.limit;
  const n = typeof raw === 'string' ? (raw.trim() === '' ? 0 : Number(raw)) : (raw ?? 0);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new MethodError('invalid_arguments');
  return n === 0 ? DEFAULT_QUERY_LIMIT : Math.min(n, MAX_QUERY_LIMIT);
}

/** A page as the Web API sends it: matches SQLite judged go out as the JSON text it read (RawJson). */
export type QueryPage = Omit<ResponseOf<'apps.datastore.query'>, 'items'> & { items: Item[] | RawJson };

/** A page with its items as values, for the emulator's own clients (the console). */
export function query(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.datastore.query'> {
  const page = queryPage(req, deps);
  return { ...page, items: page.items instanceof RawJson ? (page.items.parse() as Item[]) : page.items };
}

/**
 * One page of a scan in primary key order: up to `limit` items are evaluated (and at most
 * 1 MB read), the matching ones returned. A page may hold few matches or none and still
 * carry a cursor; no cursor means the scan is complete.
 */
export function queryPage(req: ParsedRequest, deps: EmulatorDeps): QueryPage {
  const { app, def } = datastoreCall(req, deps);
  const { predicate, sql } = filterOf(req, def.primaryKey);
  const limit = limitOf(req);
  const cursor = stringParam(req, 'cursor');
  const after = cursor === undefined ? '' : decodeCursor(app.id, def.name, cursor);
  if (after === undefined) throw new MethodError('invalid_cursor');
  const whole = wholePage(deps, app.id, def.name, after, limit, sql, predicate);
  if (whole) return { datastore: def.name, ...whole };
  // A page of 1 MB or more is cut at the item that crosses it, or SQLite refused the filter: the rows are judged one by one.
  // One row past the limit tells whether a next page exists without a trailing empty one.
  const rows = deps.store.items.scan(app.id, def.name, after, limit + 1);
  const items: Item[] = [];
  let bytes = 0;
  let evaluated = 0;
  for (const row of rows.slice(0, limit)) {
    evaluated++;
    bytes += Buffer.byteLength(row.json);
    const item = JSON.parse(row.json) as Item;
    if (predicate(item)) items.push(item);
    if (bytes >= MAX_PAGE_BYTES) break;
  }
  const last = rows[evaluated - 1];
  const more = rows.length > evaluated && last !== undefined;
  return { datastore: def.name, items, ...(more ? { response_metadata: { next_cursor: encodeCursor(app.id, def.name, last.id) } } : {}) };
}

/**
 * A page read in one pass of SQLite, its filter in the statement as count() has it: only the matching items' text
 * comes back, as one JSON array's bytes. An exact filter's matches are sent as those bytes (parsing them to send
 * the same text again cost more than the scan); a narrowing one's are parsed for the predicate to judge. Undefined
 * when SQLite refuses the filter's SQL, or the page holds 1 MB or more (it is then cut where the bytes cross it,
 * which needs every row's size).
 */
function wholePage(
  deps: EmulatorDeps,
  appId: string,
  datastore: string,
  after: string,
  limit: number,
  sql: SqlFilter | undefined,
  predicate: Predicate,
): { items: Item[] | RawJson; response_metadata?: { next_cursor: string } } | undefined {
  // No filter: every item matches, which SQL says as exactly.
  const { where, params, exact } = sql ?? { where: '1', params: [], exact: true };
  const store = deps.store.items;
  let page;
  let end;
  try {
    end = store.pageEnd(appId, datastore, after, limit);
    page = store.pageSummary(appId, datastore, after, end, where, params);
  } catch (e) {
    // A JSON path SQLite will not take (odd attribute names): the page is read row by row.
    if (!String((e as { code?: unknown }).code).startsWith('SQLITE_')) throw e;
    return undefined;
  }
  if (page.bytes >= MAX_PAGE_BYTES) return undefined;
  const matched = page.matches === null ? undefined : new RawJson(page.matches);
  // An exact SQL condition has judged the rows already; otherwise it only narrowed what the predicate judges.
  const items = !matched ? [] : exact ? matched : (matched.parse() as Item[]).filter((item) => predicate(item));
  const more = end !== undefined && store.hasAfter(appId, datastore, end);
  return { items, ...(more ? { response_metadata: { next_cursor: encodeCursor(appId, datastore, end as string) } } : {}) };
}

/**
 * Matching items over the whole datastore. SQLite evaluates what it can express exactly
 * (most filters), or narrows the items the predicate then checks; JavaScript does the rest.
 */
export function count(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.datastore.count'> {
  const { app, def } = datastoreCall(req, deps);
  const { predicate, sql } = filterOf(req, def.primaryKey);
  const items = deps.store.items;
  if (!sql) return { datastore: def.name, count: items.count(app.id, def.name) };
  const tally = (where: string, params: unknown[]) => {
    let n = 0;
    for (const json of items.jsonWhere(app.id, def.name, where, params)) if (predicate(JSON.parse(json) as Item)) n++;
    return n;
  };
  try {
    if (sql.exact) return { datastore: def.name, count: items.countWhere(app.id, def.name, sql.where, sql.params) };
    return { datastore: def.name, count: tally(sql.where, sql.params) };
  } catch (e) {
    // A JSON path SQLite will not take (odd attribute names): the predicate alone is exact.
    if (!String((e as { code?: unknown }).code).startsWith('SQLITE_')) throw e;
    return { datastore: def.name, count: tally('1', []) };
  }
}
