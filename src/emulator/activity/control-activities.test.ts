import { describe, expect, it } from 'vitest';
import { createApp } from '../../../test/helpers/hosting.js';
import { useInProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import { MAX_APPEND } from './control-activities.js';

const NOW_US = Date.parse('2026-11-28T12:00:00Z') * 1000;

describe('POST /__emulator/activities', () => {
  const emu = useInProcessEmulator();

  async function listAll(token: string, appId: string, extra: Json = {}): Promise<Json[]> {
    const out: Json[] = [];
    let cursor = '';
    do {
      const r = await emu().json(
        'apps.activities.list',
        { app_id: appId, limit: 1000, min_log_level: 'trace', ...extra, ...(cursor ? { cursor } : {}) },
        token,
      );
      if (r.ok !== true) throw new Error(JSON.stringify(r));
      out.push(...(r.activities as Json[]));
      cursor = (r.response_metadata as { next_cursor: string }).next_cursor;
    } while (cursor);
    return out;
  }

  it('fills in defaults: level info, source slack, empty component, one generated trace ID per call, now in µs', async () => {
    const { token, appId } = await createApp(emu());
    expect(await emu().control('activities', { app_id: appId, activities: [{ event_type: 'a' }, { event_type: 'b' }] })).toEqual({
      status: 200,
      body: { ok: true, appended: 2 },
    });
    const [b, a] = await listAll(token, appId);
    expect(a).toEqual({
      trace_id: expect.stringMatching(/^Tr/),
      level: 'info',
      event_type: 'a',
      source: 'slack',
      component_type: '',
      component_id: '',
      payload: {},
      created: NOW_US,
    });
    expect(b).toMatchObject({ event_type: 'b', created: NOW_US, trace_id: a?.trace_id });
  });

  it('takes a form body with the list as JSON text', async () => {
    const { token, appId } = await createApp(emu());
    const res = await fetch(`${emu().url}/__emulator/activities`, {
      method: 'POST',
      body: new URLSearchParams({ app_id: appId, activities: JSON.stringify([{ event_type: 'x' }]) }),
    });
    expect(await res.json()).toEqual({ ok: true, appended: 1 });
    expect(await listAll(token, appId)).toHaveLength(1);
  });

  it.each([
    { name: 'no app_id', body: { app_id: '', activities: [] }, status: 400 },
    { name: 'no list', body: { app_id: 'A1' }, status: 400 },
    { name: 'an unknown app', body: { app_id: 'A0NOSUCHAPP', activities: [] }, status: 404 },
    {
      name: 'an activity without event_type',
      body: { activities: [{ level: 'info' }] },
      status: 400,
      message: '/activities/0/event_type is required (a non-empty string)',
    },
    {
      name: 'an unknown level',
      body: { activities: [{ event_type: 'x' }, { event_type: 'x', level: 'loud' }] },
      status: 400,
      message: expect.stringContaining('/activities/1/level'),
    },
    {
      name: 'an unknown source',
      body: { activities: [{ event_type: 'x', source: 'beer' }] },
      status: 400,
      message: expect.stringContaining('/activities/0/source'),
    },
    {
      name: 'an unknown component type',
      body: { activities: [{ event_type: 'x', component_type: 'x' }] },
      status: 400,
      message: expect.stringContaining('/activities/0/component_type'),
    },
    {
      name: 'a payload that is not an object',
      body: { activities: [{ event_type: 'x', payload: [1] }] },
      status: 400,
      message: expect.stringContaining('/activities/0/payload'),
    },
    {
      name: 'a fractional created',
      body: { activities: [{ event_type: 'x', created: 1.5 }] },
      status: 400,
      message: expect.stringContaining('/activities/0/created'),
    },
    {
      name: 'a trace_id that is not a string',
      body: { activities: [{ event_type: 'x', trace_id: 7 }] },
      status: 400,
      message: expect.stringContaining('/activities/0'),
    },
  ])('refuses $name, appending nothing', async ({ body, status, message }) => {
    const { token, appId } = await createApp(emu());
    const r = await emu().control('activities', { app_id: appId, ...body });
    expect(r.status).toBe(status);
    if (message) expect(r.body.message).toEqual(message);
    expect(await listAll(token, appId)).toEqual([]);
  });

  it(`appends ${MAX_APPEND} in one call, in array order, and refuses one more`, async () => {
    const { token, appId } = await createApp(emu());
    const activities = Array.from({ length: MAX_APPEND }, (_, i) => ({ event_type: 'tick', payload: { n: i } }));
    const started = performance.now();
    expect((await emu().control('activities', { app_id: appId, activities })).body).toEqual({ ok: true, appended: MAX_APPEND });
    const appendMs = performance.now() - started;
    const listed = await listAll(token, appId, { sort_direction: 'asc' });
    const listMs = performance.now() - started - appendMs;
    expect(listed.map((a) => (a.payload as { n: number }).n)).toEqual(activities.map((a) => a.payload.n));
    // Generous bounds for a busy machine; the figures themselves are what matters (see the report).
    expect(appendMs).toBeLessThan(5000);
    expect(listMs).toBeLessThan(5000);
    const tooMany = await emu().control('activities', { app_id: appId, activities: [...activities, { event_type: 'x' }] });
    expect(tooMany.status).toBe(400);
  });
});

describe('POST /__emulator/clock', () => {
  const emu = useInProcessEmulator();

  it('moves the emulator clock forward and answers the new time', async () => {
    expect(await emu().control('clock', { advance_ms: 90_000 })).toEqual({ status: 200, body: { ok: true, now_ms: Date.parse('2026-11-28T12:01:30Z') } });
    expect(await emu().control('clock', { advance_ms: 0 })).toEqual({ status: 200, body: { ok: true, now_ms: Date.parse('2026-11-28T12:01:30Z') } });
  });

  it.each([{ advance_ms: -1 }, { advance_ms: 1.5 }, { advance_ms: 'soon' }, {}])('refuses %j', async (body) => {
    expect((await emu().control('clock', body)).status).toBe(400);
  });
});
