import { COMPONENT_TYPES, decodeActivitiesCursor, LEVELS, levelsFrom, SOURCES, type PageRequest, type Position } from '../../activity/index.js';
import { ConsoleError } from '../reply.js';

/** Entries one page shows when the query names no limit, and the most it may ask for. */
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 500;

/** What the activity endpoint reads: the filter, and whether it pages older (`cursor`) or reads what is newer (`after`). */
export interface ActivityQuery {
  filter: Omit<PageRequest, 'after' | 'direction' | 'limit'>;
  limit: number;
  older?: Position;
  newer?: Position;
}

/** A time bound: ISO 8601 with a zone (or a bare date, read as UTC), or microseconds since the epoch. */
const ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Microseconds for a `since`/`until` value; `end` makes it the last microsecond of the millisecond it names. */
function timeBound(v: string, end: boolean): number | undefined {
  if (/^\d{1,16}$/.test(v)) return Number(v);
  if (!ISO.test(v)) return undefined;
  const ms = Date.parse(v);
  if (!Number.isFinite(ms)) return undefined;
  return ms * 1000 + (end ? 999 : 0);
}

/**
 * Reads the activity endpoint's query, collecting every problem: a bad value is refused with what was wrong and
 * how to write it, never ignored. Empty values count as absent, as a page's empty filter fields send them.
 */
export function activityQuery(appId: string, q: URLSearchParams): ActivityQuery {
  const details: string[] = [];
  const get = (name: string) => {
    const v = q.get(name)?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const oneOf = <T extends string>(name: string, list: readonly T[]): T | undefined => {
    const v = get(name);
    if (v === undefined || (list as readonly string[]).includes(v)) return v as T | undefined;
    details.push(`${name} must be one of ${list.join(', ')}; got "${v}".`);
    return undefined;
  };
  const time = (name: string, end: boolean) => {
    const v = get(name);
    if (v === undefined) return undefined;
    const t = timeBound(v, end);
    if (t === undefined) details.push(`${name} must be a date and time with its zone, like 2026-12-07T06:00:00Z, or microseconds since the epoch; got "${v}".`);
    return t;
  };
  const cursor = (name: string, direction: 'asc' | 'desc') => {
    const v = get(name);
    if (v === undefined) return undefined;
    const d = decodeActivitiesCursor(appId, v);
    if (d?.direction === direction) return d.after;
    details.push(`${name} is not a position in this app's activity log: use the value an earlier answer gave, or leave it out to start at the newest.`);
    return undefined;
  };

  const level = oneOf('level', LEVELS);
  const source = oneOf('source', SOURCES);
  const componentType = oneOf('component_type', COMPONENT_TYPES);
  const since = time('since', false);
  const until = time('until', true);
  if (since !== undefined && until !== undefined && since > until) details.push('since is after until: nothing can match; swap them.');
  const older = cursor('cursor', 'desc');
  const newer = cursor('after', 'asc');
  if (older && newer) details.push('cursor (older entries) and after (newer entries) go one at a time.');
  const limitText = get('limit');
  const limit = limitText === undefined ? DEFAULT_PAGE : Number(limitText);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE) details.push(`limit must be a whole number from 1 to ${MAX_PAGE}; got "${limitText}".`);
  const search = get('q');
  if (search !== undefined && search.length > 200) details.push('q is longer than 200 characters: search for a shorter part of the text.');

  if (details.length > 0)
    throw new ConsoleError(400, 'invalid_query', 'The activity filter is not valid.', { details, hint: 'Fix the values named above, or clear the filters.' });
  return {
    filter: {
      appId,
      minCreated: since,
      maxCreated: until,
      // Every level unless one is picked: the console shows the whole log, trace and debug included.
      levels: level === undefined || level === 'trace' ? undefined : levelsFrom(level),
      eventType: get('event'),
      source,
      componentType,
      componentId: get('component_id'),
      traceId: get('trace_id'),
      search,
    },
    limit,
    ...(older && { older }),
    ...(newer && { newer }),
  };
}
