import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowLoopback, startInProcess, useInProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import { executions, fakeRunner, settledExecutions, workflowsApp, workingFunctions, type FakeFunction } from '../../../test/helpers/workflows.js';
import { Store } from '../store.js';

const fns: Record<string, FakeFunction> = {};
const runner = fakeRunner(fns);

beforeEach(() => {
  Object.assign(fns, workingFunctions());
  runner.calls.length = 0;
});

describe('trips start workflows (runtime contract §6.2)', () => {
  const emu = useInProcessEmulator({ functionRunner: runner });
  afterEach(() => expect(emu().errors).toEqual([]));

  it('a webhook POST starts exactly one execution', async () => {
    const w = await workflowsApp(emu());
    const hook = await w.webhook('one', ['text']);
    await hook.post({ text: 'once' });
    await settledExecutions(emu(), w.appId);
    // Give a second run, if there were one, the time to show up.
    await new Promise((r) => setTimeout(r, 100));
    const list = await executions(emu(), w.appId);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ status: 'completed', trigger_id: hook.trigger.id, inputs: { text: 'once' } });
    expect(runner.calls).toHaveLength(1);
  });

  it('50 concurrent webhook POSTs: exactly 50 executions, none lost, none doubled', async () => {
    const w = await workflowsApp(emu());
    const hook = await w.webhook('one', ['text']);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => hook.post({ text: `n${i}` })));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const list = await settledExecutions(emu(), w.appId, 50);
    await new Promise((r) => setTimeout(r, 100));
    const again = await executions(emu(), w.appId);
    expect(again).toHaveLength(50);
    expect(list.every((x) => x.status === 'completed')).toBe(true);
    expect(new Set(again.map((x) => x.inputs.text))).toEqual(new Set(Array.from({ length: 50 }, (_, i) => `n${i}`)));
    expect(runner.calls).toHaveLength(50);
  });

  it('POST /__emulator/triggers/fire runs a link trigger with a user, a channel and an interactivity pointer', async () => {
    const w = await workflowsApp(emu());
    const created = await emu().json(
      'workflows.triggers.create',
      {
        type: 'shortcut',
        name: 'Click',
        workflow: '#/workflows/one',
        workflow_app_id: w.appId,
        inputs: { text: { value: '{{data.interactivity.interactor.id}}' } },
      },
      w.token,
    );
    const triggerId = String((created.trigger as Json).id);
    const fired = await emu().control('triggers/fire', { trigger_id: triggerId });
    expect(fired).toEqual({ status: 200, body: { ok: true, workflow_execution_id: expect.stringMatching(/^Wx/), trace_id: expect.stringMatching(/^Tr/) } });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({ id: fired.body.workflow_execution_id, status: 'completed', inputs: { text: 'U0EMULATOR' } });
    const [executed] = await w.activities(String(fired.body.trace_id));
    expect(executed?.payload).toMatchObject({ trigger: { type: 'shortcut', trip_information: { user_id: 'U0EMULATOR', channel_id: 'C0GENERAL' } } });
  });

  it('fire: an unknown trigger is 404, a body without trigger_id or with data that is not an object is 400', async () => {
    expect(await emu().control('triggers/fire', { trigger_id: 'Ft0NOSUCHONE' })).toEqual({ status: 404, body: { ok: false, error: 'trigger_not_found' } });
    expect((await emu().control('triggers/fire', {})).status).toBe(400);
    expect((await emu().control('triggers/fire', { trigger_id: 'Ft0NOSUCHONE', data: [1] })).status).toBe(400);
  });
});

describe('trips left pending by a stop', () => {
  let dir: string;
  beforeEach(async () => {
    allowLoopback();
    dir = await mkdtemp(join(tmpdir(), 'rosi-trips-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('run at the next start, once: a later start does not run them again', async () => {
    const first = await startInProcess({ dataDir: dir, functionRunner: runner });
    const w = await workflowsApp(first);
    const hook = await w.webhook('one', ['text']);
    await first.running.close();
    // A trip recorded but never taken, as when the emulator stops between the two.
    const store = await Store.open(join(dir, 'emulator.db'));
    store.triggers.recordTrip({
      trigger_id: hook.trigger.id,
      app_id: w.appId,
      team_id: first.running.team.id,
      status: 'pending',
      data: { text: 'left' },
      tripped_at: Date.now(),
    });
    store.close();

    const second = await startInProcess({ dataDir: dir, functionRunner: runner });
    try {
      expect(await settledExecutions(second, w.appId)).toMatchObject([{ status: 'completed', inputs: { text: 'left' } }]);
    } finally {
      await second.running.close();
    }
    const third = await startInProcess({ dataDir: dir, functionRunner: runner });
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(await executions(third, w.appId)).toHaveLength(1);
    } finally {
      await third.running.close();
    }
  });

  it('an execution a stop cut short ends as failed at the next start, its token revoked, its trace closed', async () => {
    const first = await startInProcess({ dataDir: dir, functionRunner: runner });
    const w = await workflowsApp(first);
    await (await w.webhook('waits')).post({});
    await expect.poll(() => runner.calls.length).toBe(1);
    const call = runner.calls[0];
    await first.running.close();

    const second = await startInProcess({ dataDir: dir, functionRunner: runner });
    try {
      const [x] = await settledExecutions(second, w.appId);
      expect(x).toMatchObject({ status: 'failed', steps: [{ status: 'failed', error: 'emulator_stopped: the emulator stopped while this function ran' }] });
      const done = await second.json('functions.completeSuccess', { function_execution_id: x?.steps[0]?.function_execution_id, outputs: {} }, call?.token);
      expect(done).toEqual({ ok: false, error: 'token_revoked' });
      const { token } = await second.login({ noRotation: true });
      const r = await second.json('apps.activities.list', { app_id: w.appId, trace_id: x?.trace_id, limit: 100 }, String(token));
      expect((r.activities as Json[]).map((a) => a.event_type).slice(0, 4)).toEqual([
        'function_execution_result',
        'workflow_execution_result',
        'workflow_step_execution_result',
        'function_execution_result',
      ]);
    } finally {
      await second.running.close();
    }
  });
});
