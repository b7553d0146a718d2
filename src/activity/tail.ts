import { cursorPages, RepeatedCursorError } from '../api/paging.js';
import type { Clock } from '../lib/clock.js';
import { ApiContractError, ApiError } from '../errors/api-error.js';
import { CancelledError, NetworkError } from '../errors/cli-error.js';
import { ascending, type FetchInput } from './fetch.js';
import { HighWater } from './high-water.js';
import { listParams, MAX_PAGE, type RawActivity } from './query.js';

export type TailEvent = { kind: 'lost'; reason: string } | { kind: 'reconnected' } | { kind: 'idle'; idleMs: number };

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
 * How far behind the newest activity each poll reads again, in microseconds: an activity
 * whose `created` is up to this much older than what was already printed is still printed
 * when it reaches the log late. 30 s covers the platform's logging delays (seconds) with room
 * to spare, and re-reading 30 s of log per poll is one page unless a burst fills it.
 */
export const LATE_WINDOW_US = 30_000_000;

/**
 * Shows the backlog, then polls every interval from the late-arrival window behind the
 * high-water mark, paging oldest first through everything newer, and prints each activity
 * exactly once.
 * Transient failures back off (1 s, 2 s, … 30 s) and resume from the mark; an abort
 * ends it with a CancelledError once what was fetched has been printed.
 */
export async function tail(i: TailInput): Promise<void> {
  const mark = new HighWater(LATE_WINDOW_US);
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

/**
 * The newest `backlog` matches, exactly, as a list would show them. Reading goes on (newest
 * first, full pages) until it has passed the late-arrival window behind the newest activity:
 * everything in that window is recorded as seen, printed or not, so the first poll, which
 * reads the window again, neither prints what the backlog left out nor prints it twice.
 * (With --search, the window is counted from the newest activity, not the newest match.)
 */
async function backlog(i: TailInput, mark: HighWater): Promise<void> {
  if (i.backlog === 0) return poll(i, mark);
  const shown: RawActivity[] = [];
  const seen: RawActivity[] = [];
  let low: number | undefined;
  let passed = false;
  const done = () => passed && shown.length === i.backlog;
  for await (const { page } of cursorPages(({ cursor }) => i.fetch(listParams(i.appId, i.filters, { limit: MAX_PAGE, cursor })))) {
    for (const a of page.activities) {
      const created = a.created ?? 0;
      low ??= created - LATE_WINDOW_US;
      if (created >= low) seen.push(a);
      else passed = true;
      if (shown.length < i.backlog && (!i.keep || i.keep(a))) shown.push(a);
      if (done()) break;
    }
    if (done()) break;
  }
  seen.reverse().forEach(mark.pass());
  if (shown.length) await i.emit(shown.reverse());
}

/**
 * One poll: every page from the window behind the mark, oldest first (`sort_direction=asc`),
 * so each page is printed as it arrives and the mark moves with it; a failure halfway loses
 * nothing, as the next poll starts again from the window.
 */
async function poll(i: TailInput, mark: HighWater): Promise<void> {
  const accept = mark.pass();
  const filters = { ...i.filters, minCreated: mark.from(i.filters.minCreated) };
  const inOrder = ascending();
  for await (const { page } of cursorPages(({ cursor }) => i.fetch(listParams(i.appId, filters, { limit: MAX_PAGE, cursor, sort: 'asc' })))) {
    inOrder(page.activities);
    const fresh = page.activities.filter(accept);
    const shown = i.keep ? fresh.filter(i.keep) : fresh;
    if (shown.length) await i.emit(shown);
  }
}

const TRANSIENT = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'http_request_failed', 'invalid_cursor']);

/**
 * Failures worth waiting out: the network, 5xx, rate limits, a proxy's non-JSON page, and a
 * cursor the server no longer knows or answered with twice (a poll starts again from the
 * mark without one, and the backlog from the start, so nothing is lost or printed twice).
 */
export function isTransient(e: unknown): boolean {
  if (e instanceof NetworkError || e instanceof ApiContractError || e instanceof RepeatedCursorError) return true;
  if (!(e instanceof ApiError)) return false;
  return (e.status ?? 0) >= 500 || TRANSIENT.has(e.slackError);
}
