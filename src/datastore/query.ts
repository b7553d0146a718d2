import { cursorPages, type CursorPaged } from '../api/paging.js';
import type { Item } from './expression.js';

/** Items evaluated per request when the expression sets no `limit`. */
export const DEFAULT_PAGE_SIZE = 100;
/** Matches printed when neither --limit nor --all is given. */
export const DEFAULT_MAX_ITEMS = 100;

export interface QueryPlan {
  /** The expression's `limit`: items Slack evaluates per request. */
  pageSize: number | undefined;
  /** Stop after this many matches (Infinity: every page). */
  max: number;
  cursor: string | undefined;
}

export interface QueryPage {
  items: Item[];
  /** Where the next page starts; undefined when the scan is complete. */
  nextCursor: string | undefined;
}

export interface QueryAnswer extends CursorPaged {
  items: Item[];
}

/**
 * Follows `next_cursor` until `max` matches or the end. A page's `limit` counts items
 * evaluated, not returned (contract §12.3), so pages may be short or empty and still carry
 * a cursor. Each request asks for at most the matches still wanted: a page is never cut
 * client-side, so the cursor after the last page resumes exactly after the last item shown.
 */
export async function* queryPages(call: (limit: number, cursor: string | undefined) => Promise<QueryAnswer>, plan: QueryPlan): AsyncGenerator<QueryPage> {
  const pages = cursorPages(({ cursor, remaining }) => call(Math.min(plan.pageSize ?? DEFAULT_PAGE_SIZE, remaining), cursor), {
    cursor: plan.cursor,
    // A server that returns more than asked would lose items behind its cursor; keep them all.
    stopAfter: { items: plan.max, count: (answer) => answer.items.length },
  });
  for await (const { page, nextCursor } of pages) yield { items: page.items, nextCursor };
}
