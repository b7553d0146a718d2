import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
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

export interface QueryAnswer {
  items: Item[];
  response_metadata?: { next_cursor?: string | undefined } | undefined;
}

/**
 * Follows `next_cursor` until `max` matches or the end. A page's `limit` counts items
 * evaluated, not returned (contract §12.3), so pages may be short or empty and still carry
 * a cursor. Each request asks for at most the matches still wanted: a page is never cut
 * client-side, so the cursor after the last page resumes exactly after the last item shown.
 */
export async function* queryPages(call: (limit: number, cursor: string | undefined) => Promise<QueryAnswer>, plan: QueryPlan): AsyncGenerator<QueryPage> {
  let cursor = plan.cursor;
  let got = 0;
  for (;;) {
    const remaining = plan.max - got;
    const answer = await call(Math.min(plan.pageSize ?? DEFAULT_PAGE_SIZE, remaining), cursor);
    // A server that returns more than asked would lose items behind its cursor; keep them all.
    const items = answer.items;
    got += items.length;
    const next = answer.response_metadata?.next_cursor || undefined;
    if (next !== undefined && next === cursor) {
      throw new CliError('invalid_cursor', 'The API answered with the cursor it was given, so paging would never end', ExitCode.failed, {
        hint: 'Retry; if it persists, the API host is misbehaving.',
      });
    }
    yield { items, nextCursor: next };
    if (!next || got >= plan.max) return;
    cursor = next;
  }
}
