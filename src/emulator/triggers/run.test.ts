import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methods } from '../../api/methods.js';
import { seedUser } from '../../../test/helpers/hosting.js';
import { useInProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import { fakeRunner, settledExecutions, workflowsApp, workingFunctions, type FakeFunction } from '../../../test/helpers/workflows.js';

// emulator.triggers.run: the emulator's own method that fires any trigger of an app the caller manages.

const fns: Record<string, FakeFunction> = {};
const runner = fakeRunner(fns);

beforeEach(() => {
  Object.assign(fns, workingFunctions());
  runner.calls.length = 0;
});

describe('emulator.triggers.run', () => {
  const emu = useInProcessEmulator({ functionRunner: runner });
  afterEach(() => expect(emu().errors).toEqual([]));

  /** The workflows app and a trigger of it made with its owner's token. */
  async function appWith(def: Json) {
    const w = await workflowsApp(emu());
    const created = await emu().json('workflows.triggers.create', { ...def, workflow_app_id: w.appId }, w.token);
    if (created.ok !== true) throw new Error(`create failed: ${JSON.stringify(created)}`);
    return { ...w, triggerId: String((created.trigger as Json).id) };
  }
  const link = { type: 'shortcut', name: 'Click', workflow: '#/workflows/one', inputs: { text: { value: '{{data.interactivity.interactor.id}}' } } };
  const hook = { type: 'webhook', name: 'Hook', workflow: '#/workflows/one', inputs: { text: { value: '{{data.text}}' } } };

  it('a link trigger: the workflow starts with a click by the developer; the answer fits rosi’s schema', async () => {
    const a = await appWith(link);
    const r = await emu().json('emulator.triggers.run', { trigger_id: a.triggerId }, a.token);
    expect(r).toEqual({ ok: true, workflow_execution_id: expect.stringMatching(/^Wx[A-Z0-9]{10}$/), trace_id: expect.stringMatching(/^Tr[A-Z0-9]{10}$/) });
    expect(methods['emulator.triggers.run'].response.safeParse(r).success).toBe(true);
    const [x] = await settledExecutions(emu(), a.appId);
    expect(x).toMatchObject({ id: r.workflow_execution_id, trace_id: r.trace_id, status: 'completed', inputs: { text: 'U0EMULATOR' } });
    const [executed] = await a.activities(String(r.trace_id));
    expect(executed?.payload).toMatchObject({
      trigger: { id: a.triggerId, type: 'shortcut', trip_information: { user_id: 'U0EMULATOR', channel_id: 'C0GENERAL' } },
    });
  });

  it('data fills the trip: a JSON object in a JSON body, a JSON string in a form with the token as a field', async () => {
    const a = await appWith(hook);
    const r = await emu().json('emulator.triggers.run', { trigger_id: a.triggerId, data: { text: 'json' } }, a.token);
    expect(r.ok).toBe(true);
    const f = await emu().form('emulator.triggers.run', { token: a.token, trigger_id: a.triggerId, data: JSON.stringify({ text: 'form' }) });
    expect(f.ok, JSON.stringify(f)).toBe(true);
    const list = await settledExecutions(emu(), a.appId, 2);
    expect(list.map((x) => x.inputs.text).sort()).toEqual(['form', 'json']);
  });

  it('a scheduled trigger’s trip carries its creator, as a run by the clock does', async () => {
    const a = await appWith({
      type: 'scheduled',
      name: 'Tick',
      workflow: '#/workflows/one',
      inputs: { text: { value: '{{data.user_id}}' } },
      schedule: { start_time: '2027-01-01T09:00:00Z' },
    });
    expect((await emu().json('emulator.triggers.run', { trigger_id: a.triggerId }, a.token)).ok).toBe(true);
    const [x] = await settledExecutions(emu(), a.appId);
    expect(x?.inputs).toEqual({ text: 'U0EMULATOR' });
  });

  it('an unknown trigger: trigger_not_found; no trigger_id: invalid_arguments; no token: not_authed', async () => {
    const a = await appWith(link);
    expect(await emu().json('emulator.triggers.run', { trigger_id: 'Ft0NOSUCHONE' }, a.token)).toEqual({ ok: false, error: 'trigger_not_found' });
    expect(await emu().json('emulator.triggers.run', {}, a.token)).toEqual({ ok: false, error: 'invalid_arguments' });
    expect(await emu().json('emulator.triggers.run', { trigger_id: a.triggerId })).toEqual({ ok: false, error: 'not_authed' });
  });

  it('another team’s token finds no trigger, and starts nothing', async () => {
    const a = await appWith(link);
    const stranger = await seedUser(emu());
    expect(await emu().json('emulator.triggers.run', { trigger_id: a.triggerId }, stranger)).toEqual({ ok: false, error: 'trigger_not_found' });
    expect(runner.calls).toHaveLength(0);
  });

  it.each([
    { name: 'an array', send: (token: string, id: string) => ({ kind: 'json', body: { trigger_id: id, data: [1] }, token }) },
    { name: 'a string', send: (token: string, id: string) => ({ kind: 'json', body: { trigger_id: id, data: 'text' }, token }) },
    { name: 'a form field that is not JSON', send: (token: string, id: string) => ({ kind: 'form', body: { token, trigger_id: id, data: '{nope' }, token }) },
  ])('data that is $name: invalid_arguments', async ({ send }) => {
    const a = await appWith(hook);
    const s = send(a.token, a.triggerId);
    const r =
      s.kind === 'json'
        ? await emu().json('emulator.triggers.run', s.body, s.token)
        : await emu().form('emulator.triggers.run', s.body as Record<string, string>);
    expect(r).toEqual({ ok: false, error: 'invalid_arguments' });
  });

  it('data that leaves a required input empty: parameter_validation_failed with errors, and the refusal in the log', async () => {
    const a = await appWith(hook);
    const r = await emu().json('emulator.triggers.run', { trigger_id: a.triggerId, data: { other: 1 } }, a.token);
    expect(r).toEqual({
      ok: false,
      error: 'parameter_validation_failed',
      errors: [{ code: 'parameter_validation_failed', message: expect.stringContaining('`text`') as unknown }],
    });
    const log = await a.activities();
    expect(log.at(-1)).toMatchObject({ event_type: 'trigger_executed', level: 'error', payload: { reason: 'parameter_validation_failed' } });
  });
});
