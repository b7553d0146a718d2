import { describe, expect, it } from 'vitest';
import { methods } from '../../api/methods.js';
import { createApp, seedUser } from '../../../test/helpers/hosting.js';
import { useInProcessEmulator, type InProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';

const T0 = Date.parse('2026-11-28T12:00:00Z') * 1000;

interface Log {
  token: string;
  appId: string;
  append(activities: Json[]): Promise<void>;
  /** GET with a query string, as the official CLI sends it; the answer is checked against the registry's schema. */
  get(params?: Record<string, string | number>): Promise<Json>;
}

async function activityLog(emu: InProcessEmulator): Promise<Log> {
  const { token, appId } = await createApp(emu);
  return {
    token,
    appId,
    async append(activities) {
      const r = await emu.control('activities', { app_id: appId, activities });
      if (r.status !== 200) throw new Error(`append failed: ${JSON.stringify(r.body)}`);
    },
    async get(params = {}) {
      const query = new URLSearchParams(Object.entries({ app_id: appId, ...params }).map(([k, v]) => [k, String(v)]));
      const res = await fetch(`${emu.url}/api/apps.activities.list?${query.toString()}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as Json;
      if (body.ok === true && !methods['apps.activities.list'].response.safeParse(body).success)
        throw new Error(`answer does not fit the schema: ${JSON.stringify(body)}`);
      return body;
    },
  };
}

const ids = (r: Json) => (r.activities as Json[]).map((a) => (a.payload as { n: number }).n);
const numbered = (n: number, extra: (i: number) => Json = () => ({})) =>
  Array.from({ length: n }, (_, i) => ({ event_type: 'thing', created: T0 + i, payload: { n: i }, ...extra(i) }));

describe('apps.activities.list', () => {
  const emu = useInProcessEmulator();

  it('answers every field of an activity, newest first, with an empty cursor on the last page', async () => {
    const log = await activityLog(emu());
    await log.append([
      {
        event_type: 'function_execution_started',
        level: 'info',
        source: 'slack',
        component_type: 'functions',
        component_id: 'Fn01',
        trace_id: 'Tr01',
        payload: { function_name: 'x' },
        created: T0,
      },
      { event_type: 'function_execution_output', source: 'developer', created: T0 + 5 },
    ]);
    expect(await log.get()).toEqual({
      ok: true,
      activities: [
        {
          trace_id: expect.stringMatching(/^Tr[A-Z0-9]{10}$/),
          level: 'info',
          event_type: 'function_execution_output',
          source: 'developer',
          component_type: '',
          component_id: '',
          payload: {},
          created: T0 + 5,
        },
        {
          trace_id: 'Tr01',
          level: 'info',
          event_type: 'function_execution_started',
          source: 'slack',
          component_type: 'functions',
          component_id: 'Fn01',
          payload: { function_name: 'x' },
          created: T0,
        },
      ],
      response_metadata: { next_cursor: '' },
    });
  });

  it('serves GET, form POST and JSON POST alike, the token in a header or a field', async () => {
    const log = await activityLog(emu());
    await log.append(numbered(3));
    const form = await emu().form('apps.activities.list', { token: log.token, app_id: log.appId, limit: '2' });
    const json = await emu().json('apps.activities.list', { app_id: log.appId, limit: 2 }, log.token);
    expect(ids(form)).toEqual([2, 1]);
    expect(json).toEqual(form);
    expect(ids(await log.get({ limit: 2 }))).toEqual([2, 1]);
  });

  it('applies every filter', async () => {
    const log = await activityLog(emu());
    const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
    await log.append(
      numbered(12, (i) => ({
        level: levels[i % 6],
        event_type: i % 2 ? 'odd' : 'even',
        source: i < 6 ? 'slack' : 'developer',
        component_type: i % 3 === 0 ? 'functions' : 'workflows',
        component_id: `C${i % 4}`,
        trace_id: `Tr${i % 5}`,
      })),
    );
    const asc = { sort_direction: 'asc', min_log_level: 'trace' };
    expect(ids(await log.get())).toEqual([11, 10, 9, 8, 5, 4, 3, 2]);
    expect(ids(await log.get({ min_log_level: 'error' }))).toEqual([11, 10, 5, 4]);
    expect(ids(await log.get({ ...asc, log_event_type: 'odd' }))).toEqual([1, 3, 5, 7, 9, 11]);
    expect(ids(await log.get({ ...asc, source: 'developer' }))).toEqual([6, 7, 8, 9, 10, 11]);
    expect(ids(await log.get({ ...asc, component_type: 'functions' }))).toEqual([0, 3, 6, 9]);
    expect(ids(await log.get({ ...asc, component_id: 'C1' }))).toEqual([1, 5, 9]);
    expect(ids(await log.get({ ...asc, trace_id: 'Tr2' }))).toEqual([2, 7]);
    expect(ids(await log.get({ ...asc, min_date_created: T0 + 3, max_date_created: T0 + 5 }))).toEqual([3, 4, 5]);
    expect(ids(await log.get({ ...asc, min_date_created: T0 + 5, max_date_created: T0 + 3 }))).toEqual([]);
    expect(ids(await log.get({ ...asc, source: 'slack', log_event_type: 'even', min_log_level: 'info' }))).toEqual([2, 4]);
  });

  it('pages by limit (0 means 100, above 1000 means 1000), following next_cursor in either direction', async () => {
    const log = await activityLog(emu());
    await log.append(numbered(1205));
    expect((await log.get({ limit: 0 })).activities).toHaveLength(100);
    expect((await log.get({ limit: 5000 })).activities).toHaveLength(1000);
    for (const direction of ['asc', 'desc']) {
      const seen: number[] = [];
      let cursor = '';
      do {
        const r = await log.get({ limit: 250, sort_direction: direction, ...(cursor ? { cursor } : {}) });
        seen.push(...ids(r));
        cursor = (r.response_metadata as { next_cursor: string }).next_cursor;
      } while (cursor);
      const all = Array.from({ length: 1205 }, (_, i) => i);
      expect(seen).toEqual(direction === 'asc' ? all : all.reverse());
    }
  });

  it('keeps a cursor exact across 5,000 activities sharing one microsecond while more arrive', async () => {
    const log = await activityLog(emu());
    const burst = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ event_type: 'tick', created: T0, payload: { n: from + i } }));
    await log.append(burst(0, 5000));
    let added = 5000;
    for (const direction of ['asc', 'desc'] as const) {
      const seen: number[] = [];
      const before = added;
      let cursor = '';
      do {
        const r = await log.get({ limit: 1000, sort_direction: direction, min_date_created: T0, ...(cursor ? { cursor } : {}) });
        seen.push(...ids(r));
        cursor = (r.response_metadata as { next_cursor: string }).next_cursor;
        await log.append(burst(added, 300));
        added += 300;
      } while (cursor);
      // Newest first never meets rows added after it started; oldest first reaches them in order.
      if (direction === 'desc') expect(seen).toEqual(Array.from({ length: before }, (_, i) => before - 1 - i));
      else expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i));
      expect(seen.length).toBeGreaterThanOrEqual(before);
      expect(new Set(seen).size).toBe(seen.length);
    }
  });

  it('lists only the last 7 days by the emulator clock, which /__emulator/clock moves', async () => {
    const log = await activityLog(emu());
    const day = 24 * 3_600_000_000;
    await log.append([
      { event_type: 'x', created: T0 - 7 * day - 1, payload: { n: 0 } },
      { event_type: 'x', created: T0 - 7 * day, payload: { n: 1 } },
      { event_type: 'x', created: T0 - day, payload: { n: 2 } },
    ]);
    expect(ids(await log.get())).toEqual([2, 1]);
    expect(ids(await log.get({ min_date_created: 0, max_date_created: T0 - 7 * day }))).toEqual([1]);
    await emu().control('clock', { advance_ms: 1 });
    expect(ids(await log.get())).toEqual([2]);
    await emu().control('clock', { advance_ms: 6 * 24 * 3_600_000 });
    expect(ids(await log.get())).toEqual([]);
  });

  it.each([
    { name: 'a missing app_id', params: { app_id: '' }, message: '[ERROR] missing required field: app_id [json-pointer:/app_id]' },
    { name: 'a negative limit', params: { limit: -1 }, message: '[ERROR] must be a non-negative integer; got "-1" [json-pointer:/limit]' },
    { name: 'a fractional limit', params: { limit: '2.5' }, message: '[ERROR] must be a non-negative integer; got "2.5" [json-pointer:/limit]' },
    {
      name: 'an unknown level',
      params: { min_log_level: 'loud' },
      message: '[ERROR] must be one of trace, debug, info, warn, error, fatal; got "loud" [json-pointer:/min_log_level]',
    },
    { name: 'an unknown source', params: { source: 'beer' }, message: '[ERROR] must be one of slack, developer; got "beer" [json-pointer:/source]' },
    {
      name: 'an unknown component type',
      params: { component_type: 'defirbulator' },
      message: '[ERROR] must be one of events_api, workflows, functions, tables; got "defirbulator" [json-pointer:/component_type]',
    },
    {
      name: 'a date that is not a number',
      params: { min_date_created: 'yesterday' },
      message: '[ERROR] must be a non-negative integer; got "yesterday" [json-pointer:/min_date_created]',
    },
    {
      name: 'a sort direction in capitals',
      params: { sort_direction: 'DESC' },
      message: '[ERROR] must be one of asc, desc; got "DESC" [json-pointer:/sort_direction]',
    },
  ])('refuses $name with invalid_arguments and a message', async ({ params, message }) => {
    const log = await activityLog(emu());
    expect(await log.get(params)).toEqual({ ok: false, error: 'invalid_arguments', response_metadata: { messages: [message] } });
  });

  it('refuses JSON nested thousands deep in any parameter with invalid_arguments, not internal_error', async () => {
    const log = await activityLog(emu());
    // Built as text: JSON.stringify itself overflows the stack on values this deep.
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    for (const name of ['limit', 'min_date_created', 'cursor']) {
      const res = await fetch(`${emu().url}/api/apps.activities.list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${log.token}` },
        body: `{"app_id": "${log.appId}", "${name}": ${deep}}`,
      });
      expect(await res.json()).toMatchObject({
        ok: false,
        error: 'invalid_arguments',
        response_metadata: { messages: [expect.stringContaining(`[json-pointer:/${name}]`)] },
      });
    }
    expect(emu().errors).toEqual([]);
  });

  it('names every bad parameter at once', async () => {
    const log = await activityLog(emu());
    const r = await log.get({ limit: 'x', source: 'y', max_date_created: '-2' });
    expect((r.response_metadata as { messages: string[] }).messages).toHaveLength(3);
  });

  it('refuses a garbled cursor, another app’s, and one of the other direction', async () => {
    const log = await activityLog(emu());
    await log.append(numbered(3));
    const cursor = String(((await log.get({ limit: 1 })).response_metadata as Json).next_cursor);
    expect(await log.get({ cursor: `${cursor}x` })).toEqual({ ok: false, error: 'invalid_cursor' });
    expect(await log.get({ cursor: 'e30' })).toEqual({ ok: false, error: 'invalid_cursor' });
    const other = await createApp(emu());
    expect(await emu().json('apps.activities.list', { app_id: other.appId, cursor }, other.token)).toEqual({ ok: false, error: 'invalid_cursor' });
    expect(await log.get({ cursor, sort_direction: 'asc' })).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(ids(await log.get({ cursor, sort_direction: 'desc', log_event_type: 'thing' }))).toEqual([1, 0]);
  });

  it('keeps tenants apart: another team’s token, or a team_id that is not the app’s, gets invalid_app_id', async () => {
    const log = await activityLog(emu());
    await log.append(numbered(1));
    const stranger = await seedUser(emu());
    expect(await emu().json('apps.activities.list', { app_id: log.appId }, stranger)).toEqual({ ok: false, error: 'invalid_app_id' });
    expect(await emu().json('apps.activities.list', { app_id: 'A0NOSUCHAPP' }, log.token)).toEqual({ ok: false, error: 'invalid_app_id' });
    expect(await log.get({ team_id: 'T0OTHERTEAM' })).toEqual({ ok: false, error: 'invalid_app_id' });
    expect(ids(await log.get({ team_id: 'T0EMULATOR' }))).toEqual([0]);
    expect(await emu().json('apps.activities.list', { app_id: log.appId })).toEqual({ ok: false, error: 'not_authed' });
  });
});
