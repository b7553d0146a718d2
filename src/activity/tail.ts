import type { Clock } from '../api/transport.js';
import { ApiContractError, ApiError } from '../errors/api-error.js';
import { CancelledError, NetworkError } from '../errors/cli-error.js';
import { ascending, fetchNewest, type FetchInput } from './fetch.js';
import { HighWater } from './high-water.js';
import { listParams, MAX_PAGE, type RawActivity } from './query.js';

export type TailEvent =
  | { kind: 'lost'; reason: string }
  | { kind: 'reconnected' }
  | { kind: 'idle'; idleMs: number };

export interface TailInput extends FetchInput {
  /** How many of the newest matches to show first; 0 shows every one. */
  backlog: number;
  intervalMs: number;
  /** Stop after this long without a new activity; 0 never stops. */
  idleMs: number;
  clock: Clock;
  signal: AbortSignal;
  /** Prints activities, oldest first; awaited, so the tail never runs ahead of its output. */
  emit(activities: RawActivity[]): Promise<void>;
  onEvent(e: TailEvent): void;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * Shows the backlog, then polls every interval from the high-water mark (inclusive),
 * paging oldest first through everything newer, and prints each activity exactly once.
 * Transient failures back off (1 s, 2 s, … 30 s) and resume from the mark; an abort
 * ends it with a CancelledError once what was fetched has been printed.
 */
export async function tail(i: TailInput): Promise<void> {
  const mark = new HighWater();
  let backlogShown = false;
  let failures = 0;
  let lastNewAt = i.clock.now().getTime();
  for (;;) {
    const before = mark.accepted;
    try {
      if (backlogShown) await poll(i, mark);
      else await backlog(i, mark);
      backlogShown = true;
      if (failures) i.onEvent({ kind: 'reconnected' });
      failures = 0;
    } catch (e) {
      if (i.signal.aborted) throw new CancelledError('Interrupted', { cause: e });
      if (!isTransient(e)) throw e;
      if (failures++ === 0) i.onEvent({ kind: 'lost', reason: e instanceof Error ? e.message : String(e) });
    }
    // Pages printed before a failure count as news too.
    if (mark.accepted > before) lastNewAt = i.clock.now().getTime();
    if (i.idleMs > 0 && i.clock.now().getTime() - lastNewAt >= i.idleMs) {
      i.onEvent({ kind: 'idle', idleMs: i.idleMs });
      return;
    }
    const wait = failures ? Math.min(1000 * 2 ** (failures - 1), MAX_BACKOFF_MS) : i.intervalMs;
    await i.clock.sleep(wait, i.signal).catch((e: unknown) => {
      throw new CancelledError('Interrupted', { cause: e });
    });
  }
}

/** The newest `backlog` matches (all with 0), as a list would show them; they set the first mark. */
async function backlog(i: TailInput, mark: HighWater): Promise<void> {
  if (i.backlog === 0) return poll(i, mark);
  let newest: RawActivity[] = [];
  const first = await fetchNewest(i, i.backlog, (page) => {
    const top = page[0]?.created;
    if (!newest.length && top !== undefined) newest = page.filter((a) => a.created === top).reverse();
  });
  const fresh = first.filter(mark.pass());
  if (fresh.length) await i.emit(fresh);
  // What --search left out of the newest microsecond is older news too: the first poll then
  // starts from the newest activity, not from the newest match, which may be days older.
  // A pass of its own counts them from zero, so those already printed are not counted twice.
  newest.forEach(mark.pass());
}

/**
 * One poll: every page from the mark, oldest first (`sort_direction=asc`), so each page
 * is printed as it arrives and the mark moves with it; a failure halfway loses nothing,
 * as the next poll starts again from the mark.
 */
async function poll(i: TailInput, mark: HighWater): Promise<void> {
  const accept = mark.pass();
  const filters = { ...i.filters, minCreated: mark.from(i.filters.minCreated) };
  let cursor: string | undefined;
  const inOrder = ascending();
  for (;;) {
    const page = await i.fetch(listParams(i.appId, filters, { limit: MAX_PAGE, cursor, sort: 'asc' }));
    inOrder(page.activities);
    const fresh = page.activities.filter(accept);
    const shown = i.keep ? fresh.filter(i.keep) : fresh;
    if (shown.length) await i.emit(shown);
    if (!page.nextCursor || page.nextCursor === cursor) return;
    cursor = page.nextCursor;
  }
}

const TRANSIENT = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'http_request_failed', 'invalid_cursor']);

/**
 * Failures worth waiting out: the network, 5xx, rate limits, a proxy's non-JSON page, and a
 * cursor the server no longer knows (a poll starts again from the mark without one).
 */
export function isTransient(e: unknown): boolean {
  if (e instanceof NetworkError || e instanceof ApiContractError) return true;
  if (!(e instanceof ApiError)) return false;
  return (e.status ?? 0) >= 500 || TRANSIENT.has(e.slackError);
}
