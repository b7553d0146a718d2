import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../test/helpers/manual-clock.js';
import { allowLoopback, startInProcess, useInProcessEmulator, type InProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import { executions, fakeRunner, settledExecutions, workflowsApp, workingFunctions, type FakeFunction } from '../../../test/helpers/workflows.js';

const fns: Record<string, FakeFunction> = {};
const runner = fakeRunner(fns);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The emulator's clock starts at 2026-11-28T12:00:00Z; 09:00 in Paris is 08:00Z in winter. */
const DAILY_9_PARIS = { start_time: '2026-11-29T09:00:00', timezone: 'Europe/Paris', frequency: { type: 'daily' } };
const seconds = (iso: string) => Date.parse(iso) / 1000;

beforeEach(() => {
  Object.assign(fns, workingFunctions());
  runner.calls.length = 0;
});

/** An app, and a way to make scheduled triggers of its one-step workflow that say when and by whom they ran. */
async function scheduledApp(emu: InProcessEmulator) {
  const w = await workflowsApp(emu);
  const definition = (schedule: Json) => ({
    type: 'scheduled',
    name: 'Every so often',
    workflow: '#/workflows/one',
    workflow_app_id: w.appId,
    inputs: { text: { value: 'at {{event_timestamp}} by {{data.user_id}}' } },
    schedule,
  });
  const create = async (schedule: Json) => {
    const created = await emu.json('workflows.triggers.create', definition(schedule), w.token);
    if (created.ok !== true) throw new Error(`trigger create failed: ${JSON.stringify(created)}`);
    return String((created.trigger as Json).id);
  };
  const update = async (triggerId: string, schedule: Json) => {
    const updated = await emu.json('workflows.triggers.update', { ...definition(schedule), trigger_id: triggerId }, w.token);
    if (updated.ok !== true) throw new Error(`trigger update failed: ${JSON.stringify(updated)}`);
  };
  const remove = async (triggerId: string) => {
    expect(await emu.json('workflows.triggers.delete', { trigger_id: triggerId }, w.token)).toMatchObject({ ok: true });
  };
  /** The executions' texts, oldest first, once `count` have settled. */
  const texts = async (count: number) => (await settledExecutions(emu, w.appId, count)).map((x) => x.inputs.text);
  return { ...w, create, update, remove, texts };
}

/** Long enough for a fire that should not happen to show up. */
const quiet = () => new Promise((r) => setTimeout(r, 100));
const moveClock = (emu: InProcessEmulator, ms: number) => emu.control('clock', { advance_ms: ms });

describe('scheduled triggers fire by the emulator clock', () => {
  const emu = useInProcessEmulator({ functionRunner: runner });
  afterEach(() => expect(emu().errors).toEqual([]));

  it('a daily trigger fires once when the clock passes 09:00 in its zone, and not before', async () => {
    const app = await scheduledApp(emu());
    await app.create(DAILY_9_PARIS);
    emu().clock.advance(Date.parse('2026-11-29T07:59:59Z') - emu().clock.now().getTime());
    await quiet();
    expect(await executions(emu(), app.appId)).toHaveLength(0);
    emu().clock.advance(1000);
    expect(await app.texts(1)).toEqual([`at ${seconds('2026-11-29T08:00:00Z')} by U0EMULATOR`]);
    await quiet();
    expect(await executions(emu(), app.appId)).toHaveLength(1);
  });

  it('moving the clock 3 days fires 3 executions in order, each with its own event_timestamp, as scheduled trips', async () => {
    const app = await scheduledApp(emu());
    const triggerId = await app.create(DAILY_9_PARIS);
    expect(await moveClock(emu(), 3 * DAY)).toMatchObject({ status: 200 });
    expect(await app.texts(3)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01'].map((day) => `at ${seconds(`${day}T08:00:00Z`)} by U0EMULATOR`));
    const executed = (await app.activities()).filter((a) => a.event_type === 'trigger_executed');
    expect(executed).toHaveLength(3);
    for (const a of executed) {
      expect(a).toMatchObject({ level: 'info', payload: { trigger: { id: triggerId, type: 'scheduled', trip_information: { user_id: 'U0EMULATOR' } } } });
    }
  });

  it('occurrence_count: 2 stops after two', async () => {
    const app = await scheduledApp(emu());
    await app.create({ ...DAILY_9_PARIS, occurrence_count: 2 });
    await moveClock(emu(), 5 * DAY);
    expect(await app.texts(2)).toHaveLength(2);
    await moveClock(emu(), 5 * DAY);
    await quiet();
    expect(await executions(emu(), app.appId)).toHaveLength(2);
  });

  it('end_time is honoured: no run after it', async () => {
    const app = await scheduledApp(emu());
    await app.create({ ...DAILY_9_PARIS, end_time: '2026-11-30T09:00:00' });
    await moveClock(emu(), 5 * DAY);
    expect(await app.texts(2)).toEqual([`at ${seconds('2026-11-29T08:00:00Z')} by U0EMULATOR`, `at ${seconds('2026-11-30T08:00:00Z')} by U0EMULATOR`]);
    await quiet();
    expect(await executions(emu(), app.appId)).toHaveLength(2);
  });

  it('a deleted trigger stops', async () => {
    const app = await scheduledApp(emu());
    const triggerId = await app.create(DAILY_9_PARIS);
    await moveClock(emu(), DAY);
    expect(await app.texts(1)).toHaveLength(1);
    await app.remove(triggerId);
    await moveClock(emu(), 3 * DAY);
    emu().clock.advance(3 * DAY);
    await quiet();
    expect(await executions(emu(), app.appId)).toHaveLength(1);
  });

  it('an updated schedule reschedules: the old time passes without a run, the new one runs', async () => {
    const app = await scheduledApp(emu());
    const triggerId = await app.create(DAILY_9_PARIS);
    await app.update(triggerId, { ...DAILY_9_PARIS, start_time: '2026-11-29T15:00:00' });
    emu().clock.advance(Date.parse('2026-11-29T10:00:00Z') - emu().clock.now().getTime());
    await quiet();
    expect(await executions(emu(), app.appId)).toHaveLength(0);
    emu().clock.advance(5 * HOUR);
    expect(await app.texts(1)).toEqual([`at ${seconds('2026-11-29T14:00:00Z')} by U0EMULATOR`]);
  });

  it('a trigger created while the scheduler sleeps is noticed: its earlier occurrence fires on time', async () => {
    const app = await scheduledApp(emu());
    await app.create({ ...DAILY_9_PARIS, start_time: '2026-12-05T09:00:00' });
    await app.create({ start_time: '2026-11-28T13:00:00Z' });
    emu().clock.advance(HOUR);
    expect(await app.texts(1)).toEqual([`at ${seconds('2026-11-28T13:00:00Z')} by U0EMULATOR`]);
  });

  it('a 10-year jump of an hourly trigger fires only the latest 100 occurrences, in order', async () => {
    const app = await scheduledApp(emu());
    await app.create({ start_time: '2026-11-28T13:00:00Z', frequency: { type: 'hourly' } });
    const moved = await moveClock(emu(), 10 * 365 * DAY);
    const now = Number(moved.body.now_ms);
    const texts = await app.texts(100);
    expect(texts).toHaveLength(100);
    const lastHour = Math.floor((now - Date.parse('2026-11-28T13:00:00Z')) / HOUR) * HOUR + Date.parse('2026-11-28T13:00:00Z');
    expect(texts).toEqual(Array.from({ length: 100 }, (_, i) => `at ${(lastHour - (99 - i) * HOUR) / 1000} by U0EMULATOR`));
    await moveClock(emu(), HOUR);
    expect(await app.texts(101)).toHaveLength(101);
  });
});

describe('--no-schedules', () => {
  const emu = useInProcessEmulator({ functionRunner: runner, schedules: false });

  it('scheduled triggers do not fire by themselves; triggers/fire still runs them', async () => {
    const app = await scheduledApp(emu());
    const triggerId = await app.create(DAILY_9_PARIS);
    await moveClock(emu(), 3 * DAY);
    emu().clock.advance(DAY);
    await quiet();
    expect(await executions(emu(), app.appId)).toHaveLength(0);
    expect(await emu().control('triggers/fire', { trigger_id: triggerId, data: { user_id: 'U0EMULATOR' } })).toMatchObject({ status: 200 });
    expect(await app.texts(1)).toHaveLength(1);
  });
});

describe('scheduled triggers across a restart', () => {
  let dir: string;
  beforeEach(async () => {
    allowLoopback();
    dir = await mkdtemp(join(tmpdir(), 'rosi-schedules-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('a restart does not refire a fired occurrence; occurrences missed while stopped fire once, the latest', async () => {
    const clock = new ManualClock('2026-11-28T12:00:00Z', false);
    const start = () => startInProcess({ dataDir: dir, clock, functionRunner: runner });
    const first = await start();
    const app = await scheduledApp(first);
    await app.create(DAILY_9_PARIS);
    clock.advance(DAY);
    expect(await settledExecutions(first, app.appId, 1)).toHaveLength(1);
    await first.running.close();

    const second = await start();
    try {
      await quiet();
      expect(await executions(second, app.appId)).toHaveLength(1);
    } finally {
      await second.running.close();
    }

    // Stopped over three 09:00s (Nov 30, Dec 1, Dec 2): only the latest fires at the next start.
    clock.advance(3 * DAY);
    const third = await start();
    try {
      const list = await settledExecutions(third, app.appId, 2);
      expect(list.map((x) => x.inputs.text)).toEqual([
        `at ${seconds('2026-11-29T08:00:00Z')} by U0EMULATOR`,
        `at ${seconds('2026-12-02T08:00:00Z')} by U0EMULATOR`,
      ]);
      clock.advance(DAY);
      expect(await settledExecutions(third, app.appId, 3)).toHaveLength(3);
      expect(third.errors).toEqual([]);
    } finally {
      await third.running.close();
    }
  });
});
