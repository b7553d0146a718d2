import { describe, expect, it } from 'vitest';
import { ActivityLog, series } from '../../test/helpers/activity.js';
import { ascending, fetchNewest, streamAll } from './fetch.js';
import type { RawActivity } from './query.js';

const input = (log: ActivityLog, keep?: (a: RawActivity) => boolean) => ({
  fetch: async (p: Parameters<ActivityLog['list']>[0]) => log.list(p),
  appId: 'A1',
  filters: { minLevel: 'info' as const },
  keep,
});
const logs = (list: RawActivity[]) => list.map((a) => (a.payload as { log: string }).log);

describe('fetchNewest', () => {
  it('collects the newest N across pages of at most 1,000, then prints oldest first', async () => {
    const log = new ActivityLog().append(...series(2600));
    const got = await fetchNewest(input(log), 2500);
    expect(got).toHaveLength(2500);
    expect(logs(got).slice(0, 2)).toEqual(['#100', '#101']);
    expect(logs(got).at(-1)).toBe('#2599');
    expect(log.queries.map((q) => [q.limit, q.cursor !== undefined])).toEqual([
      [1000, false],
      [1000, true],
      [500, true],
    ]);
    expect(log.queries[0]).toEqual({ app_id: 'A1', limit: 1000, min_log_level: 'info' });
  });

  it('stops when the cursor runs out', async () => {
    const log = new ActivityLog().append(...series(30));
    expect(await fetchNewest(input(log), 100)).toHaveLength(30);
    expect(log.queries).toHaveLength(1);
  });

  it('with a client-side filter, keeps paging until N matches', async () => {
    const log = new ActivityLog().append(...series(3000));
    const got = await fetchNewest(
      input(log, (a) => (a.payload as { log: string }).log.endsWith('00')),
      5,
    );
    expect(logs(got)).toEqual(['#2500', '#2600', '#2700', '#2800', '#2900']);
    expect(log.queries.every((q) => q.limit === 1000)).toBe(true);
  });
});

describe('streamAll', () => {
  it('pages oldest first with sort_direction=asc, one page at a time', async () => {
    const log = new ActivityLog().append(...series(2001));
    const pages: number[] = [];
    const n = await streamAll(input(log), async (list) => void pages.push(list.length));
    expect(n).toBe(2001);
    expect(pages).toEqual([1000, 1000, 1]);
    expect(log.queries.every((q) => q.sort_direction === 'asc')).toBe(true);
  });
});

describe('streamAll while a page is written', () => {
  it('has the next page already asked for', async () => {
    const log = new ActivityLog().append(...series(2001));
    const askedWhileWriting: number[] = [];
    await streamAll(input(log), async () => {
      await new Promise((r) => setImmediate(r));
      askedWhileWriting.push(log.queries.length);
    });
    expect(askedWhileWriting).toEqual([2, 3, 3]);
  });
});

describe('a server that answers with the cursor it was asked with', () => {
  const stuck = (log: ActivityLog) => ({
    ...input(log),
    fetch: async (p: Parameters<ActivityLog['list']>[0]) => ({ ...log.list(p), response_metadata: { next_cursor: p.cursor ?? 'c1' } }),
  });

  it('is an invalid_cursor error, not a listing that ends early', async () => {
    const log = new ActivityLog().append(...series(10));
    await expect(fetchNewest(stuck(log), 100)).rejects.toMatchObject({ code: 'invalid_cursor' });
    await expect(streamAll(stuck(log), async () => {})).rejects.toMatchObject({ code: 'invalid_cursor' });
    expect(log.queries).toHaveLength(4);
  });
});

describe('ascending', () => {
  it('fails loudly when a server ignores sort_direction=asc, even across pages', () => {
    const check = ascending();
    check(series(3));
    expect(() => check(series(1))).toThrow(/out of order/);
    expect(() => ascending()(series(3).reverse())).toThrow(expect.objectContaining({ code: 'unsorted_activities' }));
  });
});
