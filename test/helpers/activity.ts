import type { ListParams, Page, RawActivity } from '../../src/activity/query.js';
import { LEVELS } from '../../src/activity/types.js';
import { slackMethod } from '../msw/slack.js';

/** A stored activity with the order key the emulator keeps: (created, id). */
interface Stored {
  id: number;
  a: RawActivity;
}

/** An activity with every field filled; `created` in microseconds. */
export function activity(over: Partial<RawActivity> & { created: number }): RawActivity {
  return {
    trace_id: 'Tr0001',
    level: 'info',
    event_type: 'function_execution_output',
    source: 'developer',
    component_type: 'functions',
    component_id: 'Fn0001',
    payload: { log: `line at ${over.created}` },
    ...over,
  };
}

/**
 * An in-memory apps.activities.list with the shared interface's semantics: filters,
 * newest first unless sort_direction=asc, limit clamped to 1000, and a keyset cursor
 * on (created, id), so pages stay stable while activities are appended.
 */
export class ActivityLog {
  private rows: Stored[] = [];
  private nextId = 1;
  /** Every query received, decoded. */
  readonly queries: ListParams[] = [];

  append(...list: RawActivity[]): this {
    for (const a of list) this.rows.push({ id: this.nextId++, a });
    return this;
  }

  get size(): number {
    return this.rows.length;
  }

  list(p: ListParams): Page {
    this.queries.push(p);
    const min = LEVELS.indexOf((p.min_log_level ?? 'info') as (typeof LEVELS)[number]);
    const match = (r: Stored) =>
      LEVELS.indexOf(r.a.level as (typeof LEVELS)[number]) >= min &&
      (p.log_event_type === undefined || r.a.event_type === p.log_event_type) &&
      (p.min_date_created === undefined || (r.a.created ?? 0) >= p.min_date_created) &&
      (p.max_date_created === undefined || (r.a.created ?? 0) <= p.max_date_created) &&
      (p.component_type === undefined || r.a.component_type === p.component_type) &&
      (p.component_id === undefined || r.a.component_id === p.component_id) &&
      (p.source === undefined || r.a.source === p.source) &&
      (p.trace_id === undefined || r.a.trace_id === p.trace_id);
    const asc = p.sort_direction === 'asc';
    const cmp = (x: Stored, y: Stored) => ((x.a.created ?? 0) - (y.a.created ?? 0) || x.id - y.id) * (asc ? 1 : -1);
    let rows = this.rows.filter(match).sort(cmp);
    if (p.cursor) {
      const [created, id] = p.cursor.split(':').map(Number) as [number, number];
      const at = { id, a: { created } } as Stored;
      rows = rows.filter((r) => cmp(r, at) > 0);
    }
    const limit = !p.limit ? 100 : Math.min(p.limit, 1000);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { activities: page.map((r) => r.a), response_metadata: { next_cursor: rows.length > limit && last ? `${last.a.created}:${last.id}` : '' } };
  }

  /**
   * The same, as an msw handler for apps.activities.list. `before(n)` runs ahead of the n-th
   * call (1-based): it may append, or answer instead with a Response (an outage).
   */
  handler(before?: (n: number) => Response | void) {
    let n = 0;
    return slackMethod('apps.activities.list', (params) => {
      const instead = before?.(++n);
      if (instead) return instead;
      const num = (v: unknown) => (v === undefined ? undefined : Number(v));
      const page = this.list({
        ...params,
        limit: num(params.limit),
        min_date_created: num(params.min_date_created),
        max_date_created: num(params.max_date_created),
      } as ListParams);
      return { activities: page.activities, response_metadata: { next_cursor: page.response_metadata?.next_cursor } };
    });
  }
}

/** `n` activities from `start` µs, one per `step` µs, payload log "#k". */
export function series(n: number, start = 1_700_000_000_000_000, step = 1_000_000, over: Partial<RawActivity> = {}): RawActivity[] {
  return Array.from({ length: n }, (_, k) => activity({ payload: { log: `#${k}` }, ...over, created: start + k * step }));
}
