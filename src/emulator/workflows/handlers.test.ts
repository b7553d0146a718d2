import { beforeEach, describe, expect, it } from 'vitest';
import { useInProcessEmulator, type InProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import {
  fakeRunner,
  runtimeCall,
  settledExecutions,
  workflowsApp,
  workingFunctions,
  type FakeCall,
  type FakeFunction,
} from '../../../test/helpers/workflows.js';

const fns: Record<string, FakeFunction> = {};
const runner = fakeRunner(fns);

beforeEach(() => {
  Object.assign(fns, workingFunctions());
  runner.calls.length = 0;
});

/** Starts `count` runs of the app's waiting workflow; their calls, once each function is running. */
async function waiting(emu: InProcessEmulator, count = 1) {
  const w = await workflowsApp(emu);
  const hook = await w.webhook('waits');
  const before = runner.calls.length;
  for (let i = 0; i < count; i++) await hook.post({});
  await expect.poll(() => runner.calls.length).toBe(before + count);
  const calls = runner.calls.slice(before) as FakeCall[];
  const ids = calls.map((c) => String(c.payload.body.event.function_execution_id));
  return { ...w, calls, ids };
}

const form = async (emu: InProcessEmulator, method: string, params: Record<string, string>, bearer?: string) => {
  const res = await fetch(`${emu.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: new URLSearchParams(params).toString(),
  });
  return (await res.json()) as Json;
};

describe('functions.completeSuccess / functions.completeError (runtime contract §6.5)', () => {
  const emu = useInProcessEmulator({ functionRunner: runner });

  it('a JSON body with a Bearer token completes the execution', async () => {
    const w = await waiting(emu());
    expect(await emu().json('functions.completeSuccess', { function_execution_id: w.ids[0], outputs: {} }, w.calls[0]?.token)).toEqual({ ok: true });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({ status: 'completed', steps: [{ status: 'completed', outputs: {} }] });
  });

  it('a form with the token as a field, and completeError: the step fails with the error text', async () => {
    const w = await waiting(emu());
    expect(
      await form(emu(), 'functions.completeError', { token: String(w.calls[0]?.token), function_execution_id: String(w.ids[0]), error: 'no luck' }),
    ).toEqual({
      ok: true,
    });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({ status: 'failed', steps: [{ status: 'failed', error: 'no luck' }] });
  });

  it.each([
    { name: 'no token', method: 'functions.completeSuccess', params: { outputs: '{}' }, token: undefined, error: 'not_authed' },
    { name: 'an unknown token', method: 'functions.completeSuccess', params: { outputs: '{}' }, token: 'xwfp-1-2-nope', error: 'invalid_auth' },
    { name: 'an unknown xoxb token', method: 'functions.completeSuccess', params: { outputs: '{}' }, token: 'xoxb-1-2-nope', error: 'invalid_auth' },
    { name: 'no function_execution_id', method: 'functions.completeSuccess', params: { outputs: '{}' }, error: 'invalid_arguments', noId: true },
    { name: 'no outputs', method: 'functions.completeSuccess', params: {}, error: 'invalid_arguments' },
    { name: 'outputs that are not JSON', method: 'functions.completeSuccess', params: { outputs: '{' }, error: 'invalid_arguments' },
    { name: 'outputs that are an array', method: 'functions.completeSuccess', params: { outputs: '[1]' }, error: 'invalid_arguments' },
    { name: 'outputs that are a string', method: 'functions.completeSuccess', params: { outputs: '"x"' }, error: 'invalid_arguments' },
    { name: 'no error', method: 'functions.completeError', params: {}, error: 'invalid_arguments' },
    {
      name: 'an unknown execution',
      method: 'functions.completeSuccess',
      params: { outputs: '{}', function_execution_id: 'Fx0NOSUCHONE' },
      error: 'function_execution_not_found',
    },
  ])('$name: $error, and the execution keeps running', async ({ method, params, token, error, noId }) => {
    const w = await waiting(emu());
    const body: Record<string, string> = { ...(noId ? {} : { function_execution_id: String(w.ids[0]) }), ...params };
    const as = token === undefined && error === 'not_authed' ? undefined : (token ?? w.calls[0]?.token);
    expect(await form(emu(), method, body, as)).toMatchObject({ ok: false, error });
    const list = (await emu().control(`executions?app_id=${w.appId}`)).body.executions as Json[];
    expect(list[0]).toMatchObject({ status: 'running' });
  });

  it('a person’s token is not an app’s: not_allowed_token_type', async () => {
    const w = await waiting(emu());
    expect(await emu().json('functions.completeSuccess', { function_execution_id: w.ids[0], outputs: {} }, w.token)).toEqual({
      ok: false,
      error: 'not_allowed_token_type',
    });
  });

  it('another app’s token: access_denied', async () => {
    const a = await waiting(emu());
    const b = await waiting(emu());
    expect(await emu().json('functions.completeSuccess', { function_execution_id: a.ids[0], outputs: {} }, b.calls[0]?.token)).toEqual({
      ok: false,
      error: 'access_denied',
    });
  });

  it('an execution that has ended: execution_not_in_running_state (with a token still live), token_revoked with its own', async () => {
    const w = await waiting(emu(), 2);
    const [first, second] = w.calls;
    expect(await emu().json('functions.completeSuccess', { function_execution_id: w.ids[0], outputs: {} }, first?.token)).toEqual({ ok: true });
    expect(await emu().json('functions.completeSuccess', { function_execution_id: w.ids[0], outputs: {} }, second?.token)).toEqual({
      ok: false,
      error: 'execution_not_in_running_state',
    });
    expect(await emu().json('functions.completeError', { function_execution_id: w.ids[0], error: 'x' }, first?.token)).toEqual({
      ok: false,
      error: 'token_revoked',
    });
  });
});

describe('the execution token (runtime contract §6.4 item 3)', () => {
  const emu = useInProcessEmulator({ functionRunner: runner });

  it('works for the app’s datastore while its execution runs, with the call in the execution’s trace; token_revoked after', async () => {
    const w = await waiting(emu());
    const call = w.calls[0] as FakeCall;
    const put = (id: string) => runtimeCall(call.env, call.token, 'apps.datastore.put', { datastore: 'tasks', item: { id } });
    expect(await put('t1')).toMatchObject({ ok: true, item: { id: 't1' } });
    expect(await runtimeCall(call.env, call.token, 'functions.completeSuccess', { outputs: {}, function_execution_id: w.ids[0] })).toEqual({ ok: true });
    expect(await put('t2')).toEqual({ ok: false, error: 'token_revoked' });
    const [x] = await settledExecutions(emu(), w.appId);
    const datastore = (await w.activities()).filter((a) => a.event_type === 'datastore_request_result');
    expect(datastore).toEqual([
      expect.objectContaining({ trace_id: x?.trace_id, component_type: 'tables', payload: expect.objectContaining({ details: 'id: t1' }) }),
    ]);
  });

  it('reaches only its own app: another app’s datastore is invalid_app_id, and methods for people refuse it', async () => {
    const a = await waiting(emu());
    const b = await workflowsApp(emu());
    const call = a.calls[0] as FakeCall;
    expect(await runtimeCall(call.env, call.token, 'apps.datastore.get', { datastore: 'tasks', id: 't1', app_id: b.appId })).toEqual({
      ok: false,
      error: 'invalid_app_id',
    });
    expect(await runtimeCall(call.env, call.token, 'apps.activities.list', { app_id: a.appId })).toEqual({ ok: false, error: 'not_allowed_token_type' });
  });

  it('makes and lists triggers of its own app only; workflow_app_id may be left out', async () => {
    const a = await waiting(emu());
    const b = await workflowsApp(emu());
    const call = a.calls[0] as FakeCall;
    const def = { type: 'webhook', name: 'From a function', workflow: '#/workflows/waits' };
    const made = await runtimeCall(call.env, call.token, 'workflows.triggers.create', def);
    expect(made).toMatchObject({ ok: true, trigger: { workflow: { app_id: a.appId } } });
    expect(await runtimeCall(call.env, call.token, 'workflows.triggers.create', { ...def, workflow_app_id: b.appId })).toEqual({
      ok: false,
      error: 'invalid_workflow_app_id',
    });
    await b.webhook('one', ['text']);
    const listed = await runtimeCall(call.env, call.token, 'workflows.triggers.list', {});
    expect((listed.triggers as Json[]).map((t) => (t.workflow as Json).app_id)).toEqual([a.appId, a.appId]);
  });

  it('a revoked token is token_revoked for methods for people too', async () => {
    const w = await waiting(emu());
    const call = w.calls[0] as FakeCall;
    await runtimeCall(call.env, call.token, 'functions.completeSuccess', { outputs: {}, function_execution_id: w.ids[0] });
    expect(await runtimeCall(call.env, call.token, 'apps.activities.list', { app_id: w.appId })).toEqual({ ok: false, error: 'token_revoked' });
  });
});
