import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useInProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import { fakeRunner, settledExecutions, workflowsApp, workingFunctions, type FakeFunction } from '../../../test/helpers/workflows.js';
import { unavailableRunner } from './index.js';

const fns: Record<string, FakeFunction> = {};
const runner = fakeRunner(fns);

beforeEach(() => {
  for (const k of Object.keys(fns)) delete fns[k];
  Object.assign(fns, workingFunctions());
  runner.calls.length = 0;
  runner.answers.length = 0;
});

describe('the workflow engine (runtime contract §6.3–6.5)', () => {
  const emu = useInProcessEmulator({ functionRunner: runner });
  afterEach(() => expect(emu().errors).toEqual([]));

  it('a webhook POST runs a one-step workflow: the function gets the §4.2 payload and its outputs are recorded', async () => {
    const w = await workflowsApp(emu());
    const hook = await w.webhook('one', ['text']);
    expect(await hook.post({ text: 'hello' })).toEqual({ status: 200, body: { ok: true } });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({ status: 'completed', inputs: { text: 'hello' }, steps: [{ status: 'completed', outputs: { reversed: 'olleh' } }] });
    expect(runner.answers).toEqual([{ ok: true }]);

    const [call] = runner.calls;
    const fx = x?.steps[0]?.function_execution_id;
    expect(call?.payload).toEqual({
      body: {
        token: expect.any(String),
        team_id: emu().running.team.id,
        api_app_id: w.appId,
        type: 'event_callback',
        event_id: expect.stringMatching(/^Ev[A-Z0-9]{10}$/),
        event_time: expect.any(Number),
        authed_users: ['U0EMULATOR'],
        authorizations: [{ team_id: emu().running.team.id, user_id: expect.stringMatching(/^U/), is_bot: true, is_enterprise_install: false }],
        event: {
          type: 'function_executed',
          function: {
            id: expect.stringMatching(/^Fn[A-Z0-9]{10}$/),
            callback_id: 'reverse',
            title: 'Reverse',
            description: '',
            type: 'app',
            input_parameters: [{ type: 'string', name: 'text', title: 'text', description: '', is_required: true }],
            output_parameters: [{ type: 'string', name: 'reversed', title: 'reversed', description: '', is_required: true }],
            app_id: w.appId,
            date_created: expect.any(Number),
            date_updated: expect.any(Number),
            date_deleted: 0,
          },
          inputs: { text: 'hello' },
          function_execution_id: fx,
          workflow_execution_id: x?.id,
          event_ts: expect.stringMatching(/^\d+\.\d{6}$/),
          bot_access_token: expect.stringMatching(/^xwfp-\d{13}-\d{13}-[A-Za-z0-9]{32}$/),
        },
      },
      context: {
        bot_access_token: call?.token,
        team_id: emu().running.team.id,
        variables: { SLACK_API_URL: `${emu().url}/api/` },
      },
    });
    expect(x?.id).toMatch(/^Wx[A-Z0-9]{10}$/);
    expect(fx).toMatch(/^Fx[A-Z0-9]{10}$/);
    expect(x?.trace_id).toMatch(/^Tr[A-Z0-9]{10}$/);
  });

  it('the hosted variables reach the function with SLACK_API_URL', async () => {
    const w = await workflowsApp(emu());
    await emu().json('apps.hosted.variables.add', { app_id: w.appId, variables: [{ name: 'GREETING', value: 'hi' }] }, w.token);
    await (await w.webhook('one', ['text'])).post({ text: 'x' });
    await settledExecutions(emu(), w.appId);
    expect(runner.calls[0]?.env).toEqual({ GREETING: 'hi', SLACK_API_URL: `${emu().url}/api/` });
  });

  it('three steps run in order, each given the outputs of the ones before, and send_message posts to the channel', async () => {
    const w = await workflowsApp(emu());
    await (await w.webhook('three', ['text', 'channel'])).post({ text: 'abc', channel: 'C0GENERAL' });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x?.status).toBe('completed');
    expect(runner.calls.map((c) => [c.callbackId, c.inputs])).toEqual([
      ['reverse', { text: 'abc' }],
      ['shout', { text: 'cba' }],
    ]);
    const send = x?.steps[2];
    expect(send).toMatchObject({
      function_id: 'slack#/functions/send_message',
      status: 'completed',
      inputs: { channel_id: 'C0GENERAL', message: 'Got CBA (3)' },
    });
    const ts = send?.outputs?.message_timestamp as string;
    expect(ts).toMatch(/^\d+\.\d{6}$/);
    expect(send?.outputs).toMatchObject({
      message_link: `${emu().url}/archives/C0GENERAL/p${ts.replace('.', '')}`,
      message_context: { channel_id: 'C0GENERAL', message_ts: ts },
    });
    const messages = (await emu().control('messages?channel=C0GENERAL')).body.messages as Json[];
    expect(messages).toEqual([
      {
        ts,
        text: 'Got CBA (3)',
        app_id: w.appId,
        workflow_execution_id: x?.id,
        function_execution_id: send?.function_execution_id,
        posted_at: expect.any(String),
      },
    ]);
  });

  it('a step that completes with an error stops the workflow: the later steps never run', async () => {
    fns.reverse = () => ({ error: 'cannot reverse today' });
    const w = await workflowsApp(emu());
    await (await w.webhook('three', ['text', 'channel'])).post({ text: 'abc', channel: 'C0GENERAL' });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({ status: 'failed', error: 'Function failed to execute' });
    expect(x?.steps).toHaveLength(1);
    expect(x?.steps[0]).toMatchObject({ status: 'failed', error: 'cannot reverse today' });
    expect(runner.calls.map((c) => c.callbackId)).toEqual(['reverse']);
    expect((await emu().control('messages?channel=C0GENERAL')).body.messages).toEqual([]);
  });

  it.each([
    { name: 'throws', fn: (() => Promise.reject(new Error('boom\n    at reverse.js:1'))) as FakeFunction, status: 'failed', error: 'boom' },
    { name: 'times out', fn: (() => ({ outcome: 'timed_out' })) as FakeFunction, status: 'timed_out', error: 'event_dispatch_failed' },
    { name: 'crashes', fn: (() => ({ outcome: 'crashed', error: 'exit code 3' })) as FakeFunction, status: 'failed', error: 'exit code 3' },
  ])('a function that $name fails its step and the workflow', async ({ fn, status, error }) => {
    fns.reverse = fn;
    const w = await workflowsApp(emu());
    await (await w.webhook('one', ['text'])).post({ text: 'abc' });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({ status: 'failed', steps: [{ status, error: expect.stringContaining(error) }] });
  });

  it('outputs that do not fit output_parameters: parameter_validation_failed, and the execution stays running until good ones come', async () => {
    fns.reverse = async (call) => {
      const { runtimeCall } = await import('../../../test/helpers/workflows.js');
      const id = String(call.payload.body.event.function_execution_id);
      const bad = await runtimeCall(call.env, call.token, 'functions.completeSuccess', { outputs: { reversed: 3 }, function_execution_id: id });
      const missing = await runtimeCall(call.env, call.token, 'functions.completeSuccess', { outputs: {}, function_execution_id: id });
      runner.answers.push(bad, missing);
      return { outputs: { reversed: 'cba' } };
    };
    const w = await workflowsApp(emu());
    await (await w.webhook('one', ['text'])).post({ text: 'abc' });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(runner.answers).toEqual([
      {
        ok: false,
        error: 'parameter_validation_failed',
        errors: [{ code: 'parameter_validation_failed', message: 'Value for parameter `reversed` must be of type string', pointer: '/outputs/reversed' }],
      },
      {
        ok: false,
        error: 'parameter_validation_failed',
        errors: [{ code: 'parameter_validation_failed', message: 'Null value for non-nullable parameter `reversed`', pointer: '/outputs/reversed' }],
      },
      { ok: true },
    ]);
    expect(x).toMatchObject({ status: 'completed', steps: [{ outputs: { reversed: 'cba' } }] });
  });

  it('a built-in the emulator does not run fails its step with function_not_supported_by_emulator; nothing after it runs', async () => {
    const w = await workflowsApp(emu());
    const t = await w.webhook('unsupported');
    await t.post({});
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({
      status: 'failed',
      steps: [{ function_id: 'slack#/functions/archive_channel', status: 'failed', error: expect.stringMatching(/^function_not_supported_by_emulator: /) }],
    });
    expect(runner.calls).toEqual([]);
  });

  it('a function that returns without completing stays running until it completes later', async () => {
    let later: (() => Promise<Json>) | undefined;
    fns.wait = async (call) => {
      const { runtimeCall } = await import('../../../test/helpers/workflows.js');
      later = () =>
        runtimeCall(call.env, call.token, 'functions.completeSuccess', {
          outputs: {},
          function_execution_id: String(call.payload.body.event.function_execution_id),
        });
      return { completed: false };
    };
    const w = await workflowsApp(emu());
    await (await w.webhook('waits')).post({});
    await expect.poll(() => runner.calls.length).toBe(1);
    const running = (await emu().control(`executions?app_id=${w.appId}`)).body.executions as Json[];
    expect(running[0]).toMatchObject({ status: 'running', steps: [{ status: 'running' }] });
    expect(await later?.()).toEqual({ ok: true });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({ status: 'completed', steps: [{ status: 'completed' }] });
  });
});

describe('an app function with nothing to run it', () => {
  const emu = useInProcessEmulator();
  const bare = useInProcessEmulator({ functionRunner: unavailableRunner });

  it('an app never deployed fails the function with app_not_deployed, never a silent success', async () => {
    const w = await workflowsApp(emu());
    await (await w.webhook('one', ['text'])).post({ text: 'abc' });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({
      status: 'failed',
      steps: [{ status: 'failed', error: 'app_not_deployed: the app has no deployed bundle to run its functions from; deploy it with rosi deploy' }],
    });
  });

  it('an emulator without a runtime fails every app function with function_runtime_unavailable', async () => {
    const w = await workflowsApp(bare());
    await (await w.webhook('one', ['text'])).post({ text: 'abc' });
    const [x] = await settledExecutions(bare(), w.appId);
    expect(x).toMatchObject({
      status: 'failed',
      steps: [{ status: 'failed', error: 'function_runtime_unavailable: the emulator cannot run app functions yet' }],
    });
  });
});
