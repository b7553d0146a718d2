import { describe, expect, it } from 'vitest';
import { seedUser } from '../../../test/helpers/hosting.js';
import { useInProcessEmulator } from '../../../test/helpers/in-process-emulator.js';
import { sdkForm, triggersApp, webhookDef } from '../../../test/helpers/triggers.js';

type Listed = { ok: boolean; triggers: { id: string; type: string; workflow: { app_id: string } }[]; response_metadata: { next_cursor: string } };

describe('workflows.triggers.list (runtime contract §6.1 item 5)', () => {
  const emu = useInProcessEmulator();
  const tick = { type: 'scheduled', name: 'Tick', workflow: '#/workflows/tick', schedule: { start_time: '2027-01-01T00:00:00Z' } };

  /** Five triggers, a second apart, the 2nd and 4th scheduled. */
  async function five() {
    const a = await triggersApp(emu());
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await a.created(i % 2 === 1 ? tick : webhookDef({ name: `W${i}` }))).id);
      emu().clock.advance(1_000);
    }
    const list = async (body: Record<string, unknown> = {}) => (await a.call('workflows.triggers.list', body)) as unknown as Listed;
    return { ...a, ids, list };
  }

  it('absent or 0 limit: every trigger in one page, oldest first, no cursor', async () => {
    const a = await five();
    for (const body of [{}, { limit: 0 }, { app_id: a.appId }]) {
      const r = await a.list(body);
      expect(r.triggers.map((t) => t.id)).toEqual(a.ids);
      expect(r.response_metadata.next_cursor).toBe('');
    }
  });

  it('pages with limit and opaque cursors until the last page', async () => {
    const a = await five();
    const first = await a.list({ limit: 2 });
    expect(first.triggers.map((t) => t.id)).toEqual(a.ids.slice(0, 2));
    const second = await a.list({ limit: 2, cursor: first.response_metadata.next_cursor });
    expect(second.triggers.map((t) => t.id)).toEqual(a.ids.slice(2, 4));
    const last = await a.list({ limit: 2, cursor: second.response_metadata.next_cursor });
    expect(last.triggers.map((t) => t.id)).toEqual(a.ids.slice(4));
    expect(last.response_metadata.next_cursor).toBe('');
    // Exactly one page's worth leaves no cursor behind.
    expect((await a.list({ limit: 5 })).response_metadata.next_cursor).toBe('');
  });

  it('type filters; all is every type; an unknown type is invalid_arguments', async () => {
    const a = await five();
    expect((await a.list({ type: 'scheduled' })).triggers.map((t) => t.id)).toEqual([a.ids[1], a.ids[3]]);
    expect((await a.list({ type: 'all' })).triggers).toHaveLength(5);
    expect((await a.list({ type: 'external' })).triggers).toEqual([]);
    expect(await a.list({ type: 'links' })).toMatchObject({ ok: false, error: 'invalid_arguments' });
  });

  it.each([
    { name: 'garbage', cursor: 'nope' },
    { name: 'tampered', cursor: Buffer.from(JSON.stringify({ t: 1, i: 'Ft0000000000', c: 'x' })).toString('base64url') },
  ])('a $name cursor: invalid_cursor', async ({ cursor }) => {
    const a = await five();
    expect(await a.list({ cursor })).toEqual({ ok: false, error: 'invalid_cursor' });
  });

  it('another user’s cursor is invalid_cursor', async () => {
    const a = await five();
    const { next_cursor } = (await a.list({ limit: 1 })).response_metadata;
    const stranger = await seedUser(emu());
    expect(await a.call('workflows.triggers.list', { cursor: next_cursor }, stranger)).toEqual({ ok: false, error: 'invalid_cursor' });
  });

  it('app_id and app_ids (comma list) choose among the caller’s apps', async () => {
    const a = await five();
    const b = await triggersApp(emu());
    const other = await b.created();
    const all = await a.list();
    expect(all.triggers.map((t) => t.id)).toEqual([...a.ids, other.id]);
    expect((await a.list({ app_id: b.appId })).triggers.map((t) => t.id)).toEqual([other.id]);
    const both = (await sdkForm(emu(), 'workflows.triggers.list', { app_ids: `${a.appId},${b.appId}`, limit: 3 }, a.token)) as unknown as Listed;
    expect(both.triggers.map((t) => t.id)).toEqual(a.ids.slice(0, 3));
    expect((await a.list({ app_id: 'A0NOSUCHAPP' })).triggers).toEqual([]);
  });

  it('a negative or fractional limit is invalid_arguments', async () => {
    const a = await five();
    expect(await a.list({ limit: -1 })).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(await a.list({ limit: 1.5 })).toMatchObject({ ok: false, error: 'invalid_arguments' });
  });
});

describe('GET /__emulator/triggers: the emulator’s view, with the next run by its clock', () => {
  const emu = useInProcessEmulator();

  it('a scheduled trigger’s next run moves with the clock; a webhook has none', async () => {
    const a = await triggersApp(emu());
    const daily = {
      type: 'scheduled',
      name: 'Daily',
      workflow: '#/workflows/tick',
      schedule: { start_time: '2026-12-01T09:00:00', timezone: 'Europe/Paris', frequency: { type: 'daily' } },
    };
    const scheduled = await a.created(daily);
    // Listed by creation time, then ID: a millisecond apart keeps the order the test expects.
    emu().clock.advance(1);
    const hook = await a.created(webhookDef({ name: 'Hook' }));
    const view = async () => (await emu().control(`triggers?app_id=${a.appId}`)).body as { triggers: { id: string; next_run?: string | null }[] };
    // The clock starts at 2026-11-28T12:00Z; 09:00 in Paris is 08:00Z in winter.
    expect((await view()).triggers).toEqual([
      { id: scheduled.id, type: 'scheduled', name: 'Daily', workflow: '#/workflows/tick', next_run: '2026-12-01T08:00:00.000Z' },
      { id: hook.id, type: 'webhook', name: 'Hook', workflow: '#/workflows/greet' },
    ]);
    emu().clock.advance(3 * 86_400_000 - 1);
    expect((await view()).triggers[0]?.next_run).toBe('2026-12-02T08:00:00.000Z');
    expect((await emu().control('triggers')).status).toBe(400);
    expect((await emu().control('triggers?app_id=A0NOSUCHAPP')).status).toBe(404);
  });
});
