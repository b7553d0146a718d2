import { cursorPages, readAhead } from '../api/paging.js';
import { CliError } from '../errors/cli-error.js';
import { listParams, MAX_PAGE, type ActivityFilters, type FetchPage, type RawActivity } from './query.js';

export interface FetchInput {
  fetch: FetchPage;
  appId: string;
  filters: ActivityFilters;
  /** Client-side filter (--search); the server's filters have already been applied. */
  keep?: ((a: RawActivity) => boolean) | undefined;
}

/**
 * The newest `n` matching activities, oldest first. The API answers newest first, so
 * pages are requested (each at most the server's maximum) until `n` are kept or the
 * cursor runs out, and the result is reversed once at the end.
 */
export async function fetchNewest(i: FetchInput, n: number, onPage?: (activities: readonly RawActivity[]) => void): Promise<RawActivity[]> {
  const kept: RawActivity[] = [];
  // With a client-side filter most of a page may be dropped: ask for full pages then.
  const pages = cursorPages(({ cursor }) =>
    i.fetch(listParams(i.appId, i.filters, { limit: i.keep ? MAX_PAGE : Math.min(n - kept.length, MAX_PAGE), cursor })),
  );
  for await (const { page } of pages) {
    onPage?.(page.activities);
    for (const a of page.activities) {
      if (i.keep && !i.keep(a)) continue;
      kept.push(a);
      if (kept.length === n) break;
    }
    if (kept.length >= n) break;
  }
  return kept.reverse();
}

/**
 * Every matching activity, oldest first, one page at a time (`--limit 0`). The API
 * documents `sort_direction=asc` (contract §12.4), so pages arrive in the order they are
 * printed and memory holds one page, however many there are; newest-first pages would
 * have to be buffered whole before the first line could be printed. While a page is written the
 * next is fetched, so two pages at most are held.
 *
 * @returns how many were passed to `onPage`.
 */
export async function streamAll(i: FetchInput, onPage: (activities: RawActivity[]) => Promise<void>): Promise<number> {
  let count = 0;
  const inOrder = ascending();
  // The next page is on its way while this one is written: the server's time and ours overlap.
  const pages = readAhead(cursorPages(({ cursor }) => i.fetch(listParams(i.appId, i.filters, { limit: MAX_PAGE, cursor, sort: 'asc' }))));
  for await (const { page } of pages) {
    inOrder(page.activities);
    const kept = i.keep ? page.activities.filter(i.keep) : page.activities;
    if (kept.length) await onPage(kept);
    count += kept.length;
  }
  return count;
}

/**
 * A check that pages asked for with `sort_direction=asc` really come oldest first, across
 * pages too. Printing and the tail's high-water mark rely on it; a server that ignored the
 * parameter would otherwise have events dropped without a word.
 */
export function ascending(): (page: readonly RawActivity[]) => void {
  let last = -Infinity;
  return (page) => {
    for (const a of page) {
      const created = a.created ?? 0;
      if (created < last) {
        throw new CliError('unsorted_activities', 'apps.activities.list answered sort_direction=asc with activities out of order', undefined, {
          hint: 'This API host does not seem to support sort_direction; without --tail, a --limit other than 0 reads newest first instead.',
        });
      }
      last = created;
    }
  };
}
