import type { SlackApi } from '../api/client.js';
import type { RequestOf, ResponseOf } from '../api/methods.js';
import type * as z from 'zod/mini';
import type { ActivityRecord } from '../api/schemas/activities.js';
import type { Activity, Level } from './types.js';

/** An activity exactly as the API returned it: fields rosi does not know included, any field possibly missing. */
export type RawActivity = z.infer<typeof ActivityRecord>;

export type ListParams = RequestOf<'apps.activities.list'>;

/** The server's largest page (contract §12.4); larger limits are clamped to it. */
export const MAX_PAGE = 1000;

/** The filters of `rosi activity`, as the server applies them. Times are epoch microseconds, inclusive. */
export interface ActivityFilters {
  minLevel?: Level | undefined;
  eventType?: string | undefined;
  minCreated?: number | undefined;
  maxCreated?: number | undefined;
  componentType?: string | undefined;
  componentId?: string | undefined;
  source?: string | undefined;
  traceId?: string | undefined;
}

/** The query for one page, in the official CLI's parameter order (contract §7.2), unset filters left out. */
export function listParams(
  appId: string,
  f: ActivityFilters,
  page: { limit: number; cursor?: string | undefined; sort?: 'asc' | 'desc' | undefined },
): ListParams {
  const params: Record<string, unknown> = {
    app_id: appId,
    limit: page.limit,
    min_log_level: f.minLevel,
    log_event_type: f.eventType,
    min_date_created: f.minCreated,
    max_date_created: f.maxCreated,
    component_type: f.componentType,
    component_id: f.componentId,
    source: f.source,
    trace_id: f.traceId,
    sort_direction: page.sort,
    cursor: page.cursor,
  };
  for (const k of Object.keys(params)) if (params[k] === undefined || params[k] === '') delete params[k];
  return params as ListParams;
}

/** One page as the API answers it, its next cursor included (src/api/paging.ts reads it). */
export type Page = ResponseOf<'apps.activities.list'>;

/** Fetches one page; injected so the paging and tail logic can be tested without HTTP. */
export type FetchPage = (params: ListParams) => Promise<Page>;

export function pageFetcher(api: Pick<SlackApi, 'call'>): FetchPage {
  return (params) => api.call('apps.activities.list', params);
}

/** The activity with every field present, for rendering: missing strings are empty, a missing payload is `{}`. */
export function toActivity(a: RawActivity): Activity {
  return {
    ...a,
    trace_id: a.trace_id ?? '',
    level: a.level ?? '',
    event_type: a.event_type ?? '',
    source: a.source ?? '',
    component_type: a.component_type ?? '',
    component_id: a.component_id ?? '',
    payload: a.payload ?? {},
    created: a.created ?? 0,
  };
}
