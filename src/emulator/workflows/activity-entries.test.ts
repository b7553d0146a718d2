import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activityMessage } from '../../lib/activity/message.js';
import type { Activity } from '../../lib/activity/activity.js';
import { useInProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import {
  fakeRunner,
  runtimeCall,
  settledExecutions,
  workflowsApp,
  workingFunctions,
  type FakeCall,
  type FakeFunction,
} from '../../../test/helpers/workflows.js';
import { stableId } from '../ids.js';

const fns: Record<string, FakeFunction> = {};
const runner = fakeRunner(fns);

beforeEach(() => {
  Object.assign(fns, workingFunctions());
  runner.calls.length = 0;
});

/** The parts of an entry the contract fixes (runtime contract §5.1, §6.6). */
const fields = (a: Json) => ({
  event_type: a.event_type,
  level: a.level,
  source: a.source,
  component_type: a.component_type,
  component_id: a.component_id,
  payload: a.payload,
});

describe('the activity entries of an execution (runtime contract §5.2, §5.3, §6.6)', () => {
  const emu = useInProcessEmulator({ functionRunner: runner });
  afterEach(() => expect(emu().errors).toEqual([]));

  async function runOne(fn: FakeFunction) {
    fns.reverse = fn;
    const w = await workflowsApp(emu());
    const hook = await w.webhook('one', ['text']);
    await hook.post({ text: 'hello' });
    const [x] = await settledExecutions(emu(), w.appId);
    const entries = await w.activities(x?.trace_id);
    const workflow = hook.trigger.workflow as { id: string; workflow_id: string };
    const ids = { wf: workflow.workflow_id, wfFn: workflow.id, fn: stableId('Fn', w.appId, 'function', 'reverse'), fx: x?.steps[0]?.function_execution_id };
    const trigger = { id: hook.trigger.id, type: 'webhook', config: { name: 'Run one', description: '' }, trip_information: null };
    return { w, x, entries, ids, trigger };
  }

  it('success: trigger, workflow function, workflow, the step and its function with its output, then the results, one trace', async () => {
    const { x, entries, ids, trigger } = await runOne(() => ({ outputs: { reversed: 'olleh' }, output: 'reversing hello\n' }));
    const info = (component_type: string, component_id: string, event_type: string, payload: Json) => ({
      event_type,
      level: 'info',
      source: 'slack',
      component_type,
      component_id,
      payload,
    });
    expect(entries.map(fields)).toEqual([
      info('workflows', ids.wf, 'trigger_executed', { trigger, function_name: 'One step' }),
      info('functions', ids.wfFn, 'function_execution_started', { function_name: 'One step', function_type: 'workflow' }),
      info('workflows', ids.wf, 'workflow_execution_started', { workflow_name: 'One step', actor: 'U0EMULATOR' }),
      info('workflows', ids.wf, 'workflow_step_started', {
        function_id: ids.fn,
        total_steps: 1,
        current_step: 1,
        function_name: 'Reverse',
        function_execution_id: ids.fx,
      }),
      info('functions', ids.fn, 'function_execution_started', { function_name: 'Reverse', function_type: 'app' }),
      { ...info('functions', ids.fn, 'function_execution_output', { log: 'reversing hello\n' }), source: 'developer' },
      info('functions', ids.fn, 'function_execution_result', { function_name: 'Reverse', function_type: 'app' }),
      info('workflows', ids.wf, 'workflow_step_execution_result', {
        inputs: { text: 'hello' },
        function_id: ids.fn,
        exec_outcome: 'Success',
        function_name: 'Reverse',
        function_execution_id: ids.fx,
      }),
      info('workflows', ids.wf, 'workflow_execution_result', { workflow_name: 'One step', exec_outcome: 'Success' }),
      info('functions', ids.wfFn, 'function_execution_result', { function_name: 'One step', function_type: 'workflow' }),
    ]);
    expect(new Set(entries.map((e) => e.trace_id))).toEqual(new Set([x?.trace_id]));
    const created = entries.map((e) => e.created as number);
    expect(created.every((c, i) => i === 0 || c > (created[i - 1] as number))).toBe(true);
    // Printed as the official CLI prints Slack's own (WEB §7.5, runtime contract §5.2).
    expect(entries.map((e) => activityMessage(e as unknown as Activity))).toEqual([
      "Webhook trigger successfully started execution of function 'One step'",
      "Function 'One step' (workflow function) started",
      "Workflow 'One step' started",
      'Workflow step 1 of 1 started',
      "Function 'Reverse' (app function) started",
      'Function output:\n\treversing hello',
      "Function 'Reverse' (app function) completed",
      "Workflow step 'Reverse' completed",
      "Workflow 'One step' completed",
      "Function 'One step' (workflow function) completed",
    ]);
  });

  /** A datastore call the function makes with its execution token. */
  const datastore = (call: FakeCall, method: string, params: Json) =>
    runtimeCall(call.env, call.token, `apps.datastore.${method}`, { datastore: 'tasks', ...params });
  /** The function's own entries: what kind, and the output's log or the datastore call's details. */
  const ofFunction = (entries: Json[]) =>
    entries.slice(4, -3).map((e) => [e.event_type, e.event_type === 'function_execution_output' ? (e.payload as Json).log : (e.payload as Json).details]);

  it('output before the datastore calls made after printing it, in as many entries as it takes, each byte once (§6.6)', async () => {
    const { x, entries } = await runOne(async (call) => {
      call.print('saving t1\n');
      await datastore(call, 'put', { item: { id: 't1' } });
      // Nothing printed since the last call: no output entry before this one.
      await datastore(call, 'put', { item: { id: 't2' } });
      call.print('reading t1\n');
      await datastore(call, 'get', { id: 't1' });
      call.print('done\n');
      return { outputs: { reversed: 'olleh' } };
    });
    expect(ofFunction(entries)).toEqual([
      ['function_execution_started', undefined],
      ['function_execution_output', 'saving t1\n'],
      ['datastore_request_result', 'id: t1'],
      ['datastore_request_result', 'id: t2'],
      ['function_execution_output', 'reading t1\n'],
      ['datastore_request_result', 'id: t1'],
      ['function_execution_output', 'done\n'],
      ['function_execution_result', undefined],
    ]);
    expect(entries.filter((e) => e.event_type === 'function_execution_output').map((e) => [e.source, e.component_type])).toEqual([
      ['developer', 'functions'],
      ['developer', 'functions'],
      ['developer', 'functions'],
    ]);
    expect(new Set(entries.map((e) => e.trace_id))).toEqual(new Set([x?.trace_id]));
    const created = entries.map((e) => e.created as number);
    expect(created.every((c, i) => i === 0 || c > (created[i - 1] as number))).toBe(true);
  });

  it('no output entry at the end when everything printed went out before a datastore call', async () => {
    const { entries } = await runOne(async (call) => {
      call.print('saving t1\n');
      await datastore(call, 'put', { item: { id: 't1' } });
      return { outputs: { reversed: 'olleh' } };
    });
    expect(ofFunction(entries)).toEqual([
      ['function_execution_started', undefined],
      ['function_execution_output', 'saving t1\n'],
      ['datastore_request_result', 'id: t1'],
      ['function_execution_result', undefined],
    ]);
  });

  it('a timed-out function: event_dispatch_failed, then the step, the workflow and its function fail as in §5.3', async () => {
    const { entries, ids } = await runOne(() => ({ outcome: 'timed_out' }));
    expect(entries.slice(5).map(fields)).toEqual([
      {
        event_type: 'function_execution_result',
        level: 'error',
        source: 'slack',
        component_type: 'functions',
        component_id: ids.fn,
        payload: { function_name: 'Reverse', function_type: 'app', error: 'event_dispatch_failed' },
      },
      {
        event_type: 'workflow_step_execution_result',
        level: 'error',
        source: 'slack',
        component_type: 'workflows',
        component_id: ids.wf,
        payload: { inputs: { text: 'hello' }, function_id: ids.fn, exec_outcome: 'Error', function_name: 'Reverse', function_execution_id: ids.fx },
      },
      {
        event_type: 'workflow_execution_result',
        level: 'error',
        source: 'slack',
        component_type: 'workflows',
        component_id: ids.wf,
        payload: { workflow_name: 'One step', exec_outcome: 'Error', error: 'Function failed to execute' },
      },
      {
        event_type: 'function_execution_result',
        level: 'error',
        source: 'slack',
        component_type: 'functions',
        component_id: ids.wfFn,
        payload: { function_name: 'One step', function_type: 'workflow', error: 'Function failed to execute' },
      },
    ]);
    expect(entries.slice(5).map((e) => activityMessage(e as unknown as Activity))).toEqual([
      "Function 'Reverse' (app function) failed\n\tevent_dispatch_failed",
      "Workflow step 'Reverse' failed",
      "Workflow 'One step' failed\n\tFunction failed to execute",
      "Function 'One step' (workflow function) failed\n\tFunction failed to execute",
    ]);
  });

  it('a completeError message is the function’s error', async () => {
    const { entries } = await runOne(() => ({ error: 'the text was rude' }));
    expect(entries[5]).toMatchObject({ event_type: 'function_execution_result', level: 'error', payload: { error: 'the text was rude' } });
  });

  it('a trigger whose inputs the data cannot fill: only a trigger_executed error, and no execution', async () => {
    const w = await workflowsApp(emu());
    const hook = await w.webhook('one', ['text']);
    const fired = await emu().control('triggers/fire', { trigger_id: hook.trigger.id, data: { other: 1 } });
    expect(fired).toEqual({
      status: 400,
      body: { ok: false, error: 'parameter_validation_failed', errors: ['Null value for non-nullable parameter `text`'] },
    });
    const entries = await w.activities();
    expect(entries.map(fields)).toEqual([
      {
        event_type: 'trigger_executed',
        level: 'error',
        source: 'slack',
        component_type: 'workflows',
        component_id: (hook.trigger.workflow as Json).workflow_id,
        payload: {
          trigger: { id: hook.trigger.id, type: 'webhook', config: { name: 'Run one', description: '' }, trip_information: null },
          function_name: 'One step',
          reason: 'parameter_validation_failed',
          errors: '["Null value for non-nullable parameter `text`"]',
        },
      },
    ]);
    expect(activityMessage(entries[0] as unknown as Activity)).toBe(
      "Trigger for workflow 'One step' failed: parameter_validation_failed\n  - Null value for non-nullable parameter `text`",
    );
    expect((await emu().control(`executions?app_id=${w.appId}`)).body.executions).toEqual([]);
  });
});
