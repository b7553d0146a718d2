import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';

/** A listing answer that pages the Slack way: the next page's cursor, empty or absent on the last page. */
export interface CursorPaged {
  response_metadata?: { next_cursor?: string | undefined } | undefined;
}

/** What the next request asks for. */
export interface PageRequest {
  /** Undefined for the first page, unless the listing resumes from a cursor. */
  cursor: string | undefined;
  /** Items still wanted (Infinity without `stopAfter`): a request that asks for no more leaves nothing behind its cursor. */
  remaining: number;
}

export interface PagingOptions<P> {
  /** Resume from this cursor instead of the start. */
  cursor?: string | undefined;
  /** Stop once the pages held this many items, as `count` counts them; the last page's cursor still comes with it. */
  stopAfter?: { items: number; count: (page: P) => number } | undefined;
}

export interface CursorPage<P> {
  page: P;
  /** Where the next page starts; undefined when the listing is complete. */
  nextCursor: string | undefined;
}

/**
 * An answer whose next cursor is the one it was asked with would have the listing request the
 * same page forever. It is an error wherever it happens, never a silent end: a listing that
 * stopped there would look complete while it is not, and one that went on would never end.
 * The code is the one Slack gives a cursor it does not know, so whoever retries that (the
 * activity tail, which starts its next poll afresh from its high-water mark) retries this too.
 */
export class RepeatedCursorError extends CliError {
  constructor() {
    super('invalid_cursor', 'The API answered with the cursor it was given, so paging would never end', ExitCode.failed, {
      hint: 'Retry; if it persists, the API host is misbehaving.',
    });
  }
}

/**
 * Every page of a cursor-paged listing, fetched one at a time as the caller asks for the next,
 * so a caller that stops early (or is interrupted) fetches nothing more.
 *
 * @throws RepeatedCursorError when an answer repeats the cursor it was asked with.
 */
export async function* cursorPages<P extends CursorPaged>(
  fetchPage: (request: PageRequest) => Promise<P>,
  o: PagingOptions<P> = {},
): AsyncGenerator<CursorPage<P>> {
  const max = o.stopAfter?.items ?? Infinity;
  let cursor = o.cursor;
  let got = 0;
  for (;;) {
    const page = await fetchPage({ cursor, remaining: max - got });
    got += o.stopAfter?.count(page) ?? 0;
    const next = page.response_metadata?.next_cursor || undefined;
    if (next !== undefined && next === cursor) throw new RepeatedCursorError();
    yield { page, nextCursor: next };
    if (next === undefined || got >= max) return;
    cursor = next;
  }
}

/**
 * The same pages, each one requested as soon as the one before it arrives rather than when the
 * caller asks for it: the caller's work on a page (writing it out) overlaps the next round trip,
 * and at most two pages are held. Only for callers that read to the end: one that stops early
 * has had one page more fetched than it used.
 */
export async function* readAhead<T>(pages: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = pages.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = pages.next();
      // Awaited on the next turn; until then a failure must not count as unhandled.
      next.catch(() => undefined);
      yield r.value;
    }
  } finally {
    // Waits for a request still in flight, so nothing outlives the listing.
    await pages.return(undefined);
  }
}
