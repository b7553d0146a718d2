import { describe, expect, it } from 'vitest';
import { activity, ActivityLog, series } from '../../test/helpers/activity.js';
import { ManualClock } from '../../test/helpers/manual-clock.js';
import { ApiError } from '../errors/api-error.js';
import { CancelledError, NetworkError } from '../errors/cli-error.js';
import type { FetchPage, ListParams, RawActivity } from './query.js';
import { LATE_WINDOW_US, tail, type TailEvent, type TailInput } from './tail.js';

const T0 = 1_700_000_000_000_000;

interface Run {
  printed: RawActivity[];
  events: TailEvent[];
  clock: ManualClock;
  done: Promise<unknown>;
}

/** Tails `log`; `onQuery(n, params)` runs before the n-th query (1-based) is answered and may throw. */
function run(log: ActivityLog, o: Partial<TailInput> & { onQuery?: (n: number, p: ListParams) => void } = {}): Run {
  const clock = new ManualClock();
  const printed: RawActivity[] = [];
  const events: TailEvent[] = [];
  let n = 0;
  const fetch: FetchPage = async (p) => {
    o.onQuery?.(++n, p);
    return log.list(p);
  };
  const done = tail({
    fetch,
    appId: 'A1',
    filters: {},
    backlog: 100,
    intervalMs: 3000,
    idleMs: 60_000,
    clock,
    signal: new AbortController().signal,
    emit: async (list) => void printed.push(...list),
    onEvent: (e) => events.push(e),
    ...o,
  }).then(
    () => 'done',
    (e: unknown) => e,
  );
  return { printed, events, clock, done };
}

const logs = (list: RawActivity[]) => list.map((a) => (a.payload as { log: string }).log);

describe('tail', () => {
  it('shows the newest --limit first, oldest first, then what arrives, and closes when idle', async () => {
    const log = new ActivityLog().append(...series(150));
    const r = run(log, { backlog: 10, onQuery: (n) => n === 3 && log.append(...series(2, T0 + 500_000_000, 1_000_000, { payload: { log: 'late' } })) });
    expect(await r.done).toBe('done');
    expect(logs(r.printed)).toEqual([...Array.from({ length: 10 }, (_, k) => `#${140 + k}`), 'late', 'late']);
    expect(r.events).toEqual([{ kind: 'idle', idleMs: 60_000 }]);
    // Polls ask from the late-arrival window behind the mark, inclusive, oldest first.
    expect(log.queries[1]).toMatchObject({ min_date_created: T0 + 149_000_000 - LATE_WINDOW_US, sort_direction: 'asc', limit: 1000 });
  });

  it('a burst of 5,000 between two polls, many in one microsecond and some identical, is printed exactly once, in order', async () => {
    const log = new ActivityLog().append(...series(3));
    const burst: RawActivity[] = [];
    // 2,000 share the mark's own microsecond, then 3,000 share one later microsecond;
    // every tenth is an exact copy of the one before it.
    for (let k = 0; k < 5000; k++) {
      const created = k < 2000 ? T0 + 2_000_000 : T0 + 9_000_000;
      const label = k % 10 === 9 ? `b${k - 1}` : `b${k}`;
      burst.push(activity({ created, payload: { log: label } }));
    }
    const r = run(log, { onQuery: (n) => n === 2 && log.append(...burst) });
    expect(await r.done).toBe('done');
    expect(r.printed).toHaveLength(3 + 5000);
    expect(logs(r.printed)).toEqual([...logs(series(3)), ...logs(burst)]);
    // One poll paged through all of it.
    expect(log.queries.filter((q) => q.cursor).length).toBeGreaterThanOrEqual(4);
  });

  it('identical activities in one microsecond are two activities, across polls too', async () => {
    const same = activity({ created: T0, payload: { log: 'same' } });
    const log = new ActivityLog().append(same, same);
    const r = run(log, { onQuery: (n) => n === 3 && log.append(same) });
    await r.done;
    expect(logs(r.printed)).toEqual(['same', 'same', 'same']);
  });

  it('a failure halfway through a poll resumes from the mark: nothing lost, nothing repeated', async () => {
    const log = new ActivityLog().append(...series(1));
    const r = run(log, {
      onQuery: (n, p) => {
        if (n === 2) log.append(...series(2500, T0 + 1_000_000, 1));
        if (n === 4 && p.cursor) throw new NetworkError('Could not reach slack.test');
        if (n === 5 || n === 6) throw new ApiError({ method: 'apps.activities.list', error: 'http_request_failed', status: 503 });
      },
    });
    expect(await r.done).toBe('done');
    expect(r.printed).toHaveLength(2501);
    expect(new Set(r.printed.map((a) => a.created)).size).toBe(2501);
    expect(r.events.slice(0, 2)).toEqual([{ kind: 'lost', reason: 'Could not reach slack.test' }, { kind: 'reconnected' }]);
    // Backoff 1 s, 2 s, 4 s while it failed, then the interval again.
    expect(r.clock.sleeps.slice(1, 5)).toEqual([1000, 2000, 4000, 3000]);
  });

  it('a page answered with the cursor it was asked with is waited out too, and the next poll loses nothing', async () => {
    const log = new ActivityLog().append(...series(1));
    let n = 0;
    const r = run(log, {
      fetch: async (p) => {
        if (++n === 2) log.append(...series(2500, T0 + 1_000_000, 1));
        const page = log.list(p);
        return n === 3 ? { ...page, response_metadata: { next_cursor: p.cursor } } : page;
      },
    });
    expect(await r.done).toBe('done');
    expect(r.printed).toHaveLength(2501);
    expect(new Set(r.printed.map((a) => a.created)).size).toBe(2501);
    expect(r.events.slice(0, 2)).toEqual([
      { kind: 'lost', reason: 'The API answered with the cursor it was given, so paging would never end' },
      { kind: 'reconnected' },
    ]);
  });

  it('backoff is capped at 30 s and idle time counts while disconnected', async () => {
    const log = new ActivityLog();
    const r = run(log, {
      idleMs: 120_000,
      onQuery: (n) => {
        if (n > 1) throw new NetworkError('down');
      },
    });
    expect(await r.done).toBe('done');
    expect(r.clock.sleeps).toEqual([3000, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(r.events).toEqual([
      { kind: 'lost', reason: 'down' },
      { kind: 'idle', idleMs: 120_000 },
    ]);
  });

  it('an error that waiting cannot fix ends the tail', async () => {
    const log = new ActivityLog();
    const r = run(log, {
      onQuery: (n) => {
        if (n === 2) throw new ApiError({ method: 'apps.activities.list', error: 'invalid_auth', status: 200 });
      },
    });
    expect(await r.done).toMatchObject({ code: 'invalid_auth' });
  });

  it('--idle 0 never closes; an abort ends it with CancelledError after printing what it fetched', async () => {
    const log = new ActivityLog().append(...series(2));
    const ctl = new AbortController();
    const r = run(log, {
      idleMs: 0,
      signal: ctl.signal,
      onQuery: (n) => {
        if (n === 40) {
          log.append(...series(1, T0 + 99_000_000));
          ctl.abort(new Error('interrupted'));
        }
      },
    });
    const e = await r.done;
    expect(e).toBeInstanceOf(CancelledError);
    expect(r.printed).toHaveLength(3);
  });

  it('--limit 0 with --tail shows the whole backlog, paged oldest first', async () => {
    const log = new ActivityLog().append(...series(2100));
    const r = run(log, { backlog: 0 });
    await r.done;
    expect(r.printed).toHaveLength(2100);
    expect(log.queries.slice(0, 3).map((q) => [q.sort_direction, q.cursor === undefined])).toEqual([
      ['asc', true],
      ['asc', false],
      ['asc', false],
    ]);
  });

  it('--search filters what is printed, not what moves the mark', async () => {
    const log = new ActivityLog().append(...series(5));
    const r = run(log, {
      keep: (a) => (a.payload as { log: string }).log.endsWith('4') || (a.payload as { log: string }).log === 'x',
      onQuery: (n) => n === 3 && log.append(...series(3, T0 + 10_000_000, 1, { payload: { log: 'x' } })),
    });
    await r.done;
    expect(logs(r.printed)).toEqual(['#4', 'x', 'x', 'x']);
  });

  it('a server that ignores sort_direction=asc stops the tail with an error instead of losing events', async () => {
    const log = new ActivityLog().append(...series(3));
    const r = run(log, {
      backlog: 1,
      onQuery: (n, p) => {
        if (n === 2) {
          p.sort_direction = undefined;
          log.append(...series(2, T0 + 10_000_000));
        }
      },
    });
    expect(await r.done).toMatchObject({ code: 'unsorted_activities' });
  });

  it('with --search, the first poll starts from the newest activity, not from the newest match', async () => {
    const log = new ActivityLog().append(...series(5, T0, 60_000_000));
    const r = run(log, { keep: (a) => (a.payload as { log: string }).log === '#1' });
    await r.done;
    expect(logs(r.printed)).toEqual(['#1']);
    expect(log.queries[1]).toMatchObject({ min_date_created: T0 + 240_000_000 - LATE_WINDOW_US, sort_direction: 'asc' });
  });

  it('--limit 1 prints one activity when several share the newest microsecond, then only what arrives', async () => {
    const at = (created: number, label: string) => activity({ created, payload: { log: label } });
    const log = new ActivityLog().append(at(T0, 'older'), at(T0 + 5, 'x'), at(T0 + 5, 'y'), at(T0 + 5, 'z'));
    const r = run(log, { backlog: 1, onQuery: (n) => n === 3 && log.append(at(T0 + 6, 'new')) });
    expect(await r.done).toBe('done');
    expect(logs(r.printed)).toEqual(['z', 'new']);
  });

  it('an activity arriving late with an older created is printed once if inside the window, never if older than it', async () => {
    const at = (created: number, label: string) => activity({ created, payload: { log: label } });
    const log = new ActivityLog().append(at(T0, 'a'), at(T0 + 100_000_000, 'b'));
    const r = run(log, {
      backlog: 1,
      onQuery: (n) => {
        if (n === 2) log.append(at(T0 + 110_000_000, 'c'));
        // After the mark moved to c: one arrives 20 s behind it, one 31 s behind it.
        if (n === 4) log.append(at(T0 + 90_000_000, 'late'), at(T0 + 110_000_000 - LATE_WINDOW_US - 1_000_000, 'too late'));
      },
    });
    expect(await r.done).toBe('done');
    expect(logs(r.printed)).toEqual(['b', 'c', 'late']);
    expect(log.queries[4]).toMatchObject({ min_date_created: T0 + 110_000_000 - LATE_WINDOW_US });
  });

  it('the window forgets what falls out of it, and what is in it is still printed exactly once', async () => {
    const log = new ActivityLog().append(...series(3));
    const r = run(log, {
      onQuery: (n) => {
        // One a minute: each pushes the window past the one before it.
        if (n >= 2 && n <= 6) log.append(...series(1, T0 + n * 60_000_000, 1, { payload: { log: `m${n}` } }));
      },
    });
    expect(await r.done).toBe('done');
    expect(logs(r.printed)).toEqual(['#0', '#1', '#2', 'm2', 'm3', 'm4', 'm5', 'm6']);
  });
});
