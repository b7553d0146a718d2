// Shared by the workflow engine's tests: an app whose workflows run app functions and built-ins, a fake function
// runner that behaves as Slack's Deno runtime does (it completes executions over HTTP with the payload's token),
// and waiting for executions to end.
import type { FunctionRunner, FunctionRunResult } from '../../src/emulator/workflows/index.js';
import { createApp, hostedManifest } from './hosting.js';
import type { InProcessEmulator, Json } from './in-process-emulator.js';

const str = { type: 'string' };

/** A hosted app with three functions and workflows of one, two and three steps, plus ones that use built-ins. */
export const workflowsManifest = () =>
  hostedManifest({
    oauth_config: { scopes: { bot: ['commands', 'chat:write', 'datastore:read', 'datastore:write', 'users:read', 'channels:read'] } },
    functions: {
      reverse: {
        title: 'Reverse',
        source_file: 'functions/reverse.ts',
        input_parameters: { properties: { text: str }, required: ['text'] },
        output_parameters: { properties: { reversed: str }, required: ['reversed'] },
      },
      shout: {
        title: 'Shout',
        description: 'Says it louder',
        source_file: 'functions/shout.ts',
        input_parameters: { properties: { text: str }, required: ['text'] },
        output_parameters: { properties: { loud: str, length: { type: 'integer' } }, required: ['loud'] },
      },
      wait: {
        title: 'Wait',
        source_file: 'functions/wait.ts',
        input_parameters: { properties: {} },
        output_parameters: { properties: {} },
      },
    },
    workflows: {
      one: {
        title: 'One step',
        input_parameters: { properties: { text: str }, required: ['text'] },
        steps: [{ id: '0', function_id: '#/functions/reverse', inputs: { text: '{{inputs.text}}' } }],
      },
      three: {
        title: 'Three steps',
        input_parameters: { properties: { text: str, channel: { type: 'slack#/types/channel_id' } }, required: ['text', 'channel'] },
        steps: [
          { id: '0', function_id: '#/functions/reverse', inputs: { text: '{{inputs.text}}' } },
          { id: '1', function_id: '#/functions/shout', inputs: { text: '{{steps.0.reversed}}' } },
          {
            id: '2',
            function_id: 'slack#/functions/send_message',
            inputs: { channel_id: '{{inputs.channel}}', message: 'Got {{steps.1.loud}} ({{steps.1.length}})' },
          },
        ],
      },
      unsupported: {
        title: 'Archives a channel',
        steps: [
          { id: '0', function_id: 'slack#/functions/archive_channel', inputs: { channel_id: 'C0GENERAL' } },
          { id: '1', function_id: '#/functions/wait', inputs: {} },
        ],
      },
      waits: { title: 'Waits', steps: [{ id: '0', function_id: '#/functions/wait', inputs: {} }] },
      builtins: {
        title: 'Built-ins',
        input_parameters: {
          properties: { user: { type: 'slack#/types/user_id' }, channel: { type: 'slack#/types/channel_id' } },
          required: ['user', 'channel'],
        },
        steps: [
          { id: '0', function_id: 'slack#/functions/send_dm', inputs: { user_id: '{{inputs.user}}', message: 'psst' } },
          { id: '1', function_id: 'slack#/functions/delay', inputs: { minutes_to_delay: 5 } },
          { id: '2', function_id: 'slack#/functions/send_message', inputs: { channel_id: '{{inputs.channel}}', message: 'out loud' } },
          { id: '3', function_id: 'slack#/functions/reply_in_thread', inputs: { message_context: '{{steps.2.message_context}}', message: 'in the thread' } },
        ],
      },
      react: {
        title: 'Reacts',
        input_parameters: { properties: { channel: { type: 'slack#/types/channel_id' }, emoji: str }, required: ['channel', 'emoji'] },
        steps: [
          { id: '0', function_id: 'slack#/functions/send_message', inputs: { channel_id: '{{inputs.channel}}', message: 'react to me' } },
          { id: '1', function_id: 'slack#/functions/add_reaction', inputs: { message_context: '{{steps.0.message_context}}', emoji: '{{inputs.emoji}}' } },
          { id: '2', function_id: 'slack#/functions/add_reaction', inputs: { message_context: '{{steps.0.message_context}}', emoji: '{{inputs.emoji}}' } },
        ],
      },
      react_to: {
        title: 'Reacts to a given message',
        input_parameters: { properties: { channel: str, ts: str }, required: ['channel', 'ts'] },
        steps: [
          {
            id: '0',
            function_id: 'slack#/functions/add_reaction',
            inputs: { message_context: { channel_id: '{{inputs.channel}}', message_ts: '{{inputs.ts}}' }, emoji: 'eyes' },
          },
        ],
      },
      make_channel: {
        title: 'Makes a channel',
        input_parameters: { properties: { name: str }, required: ['name'] },
        steps: [
          { id: '0', function_id: 'slack#/functions/create_channel', inputs: { channel_name: '{{inputs.name}}', is_private: true } },
          { id: '1', function_id: 'slack#/functions/send_message', inputs: { channel_id: '{{steps.0.channel_id}}', message: 'first!' } },
        ],
      },
      join_group: {
        title: 'Joins a group',
        input_parameters: { properties: { group: { type: 'slack#/types/usergroup_id' }, user: str }, required: ['group', 'user'] },
        steps: [{ id: '0', function_id: 'slack#/functions/add_user_to_usergroup', inputs: { usergroup_id: '{{inputs.group}}', user_id: '{{inputs.user}}' } }],
      },
      form: {
        title: 'Asks with a form',
        input_parameters: { properties: { interactivity: { type: 'slack#/types/interactivity' } }, required: ['interactivity'] },
        steps: [
          {
            id: '0',
            function_id: 'slack#/functions/open_form',
            inputs: { title: 'Report', interactivity: '{{inputs.interactivity}}', fields: { elements: [{ name: 'title', title: 'Title', type: 'string' }] } },
          },
          { id: '1', function_id: 'slack#/functions/send_message', inputs: { channel_id: 'C0GENERAL', message: 'Reported: {{steps.0.fields.title}}' } },
        ],
      },
      approve: {
        title: 'Asks for a click',
        steps: [
          {
            id: '0',
            function_id: 'slack#/functions/send_message',
            inputs: {
              channel_id: 'C0GENERAL',
              message: 'Approve?',
              interactive_blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' } }] }],
            },
          },
        ],
      },
    },
  });

/** What a fake function gets: its inputs, its environment and its token, from the payload. */
export interface FakeCall {
  appId: string;
  callbackId: string;
  inputs: Json;
  env: Record<string, string>;
  token: string;
  payload: { body: Json & { event: Json }; context: { bot_access_token: string; team_id: string; variables: Record<string, string> } };
  /** Prints as console.log would: the runner hands it to the engine when asked (takeOutput), the rest with the result. */
  print(text: string): void;
}

/** What a fake function does: as a handler returns (outputs, error, completed:false), or what the process did. */
export type FakeResult =
  | { outputs?: Json; error?: string; completed?: boolean; output?: string }
  | { outcome: 'timed_out' | 'crashed'; error?: string; output?: string };
export type FakeFunction = (call: FakeCall) => FakeResult | Promise<FakeResult>;

/**
 * A Slack Web API call as deno-slack-runtime's client makes one (runtime contract §4.4): POST to
 * `SLACK_API_URL + method`, a form with non-strings as JSON, the token as Bearer.
 */
export async function runtimeCall(env: Record<string, string>, token: string, method: string, params: Json): Promise<Json> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) body.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  const res = await fetch(`${env.SLACK_API_URL}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
    body: body.toString(),
  });
  return (await res.json()) as Json;
}

/** A runner that runs fake functions in-process and completes them over HTTP, as the real harness will. */
export function fakeRunner(functions: Record<string, FakeFunction>): FunctionRunner & { calls: FakeCall[]; answers: Json[] } {
  const calls: FakeCall[] = [];
  const answers: Json[] = [];
  // What each running fake printed and nobody has taken yet, by function execution ID.
  const printed = new Map<string, string>();
  return {
    calls,
    answers,
    takeOutput(functionExecutionId) {
      const text = printed.get(functionExecutionId) ?? '';
      if (printed.has(functionExecutionId)) printed.set(functionExecutionId, '');
      return Promise.resolve(text);
    },
    async run(request): Promise<FunctionRunResult> {
      const { functionExecutionId } = request;
      printed.set(functionExecutionId, '');
      const r = await runFake(request);
      const rest = printed.get(functionExecutionId) ?? '';
      printed.delete(functionExecutionId);
      return { ...r, output: rest + r.output };
    },
  };

  async function runFake({ appId, callbackId, functionExecutionId: id, payload }: Parameters<FunctionRunner['run']>[0]): Promise<FunctionRunResult> {
    const body = payload.body as FakeCall['payload']['body'];
    const event = body.event;
    const call: FakeCall = {
      appId,
      callbackId,
      inputs: event.inputs as Json,
      env: payload.context.variables,
      token: String(event.bot_access_token || payload.context.bot_access_token),
      payload: payload as FakeCall['payload'],
      print: (text) => void printed.set(id, (printed.get(id) ?? '') + text),
    };
    calls.push(call);
    const fn = functions[callbackId];
    if (!fn) return { outcome: 'crashed', error: `no fake for ${callbackId}`, output: '', durationMs: 0 };
    let r: FakeResult;
    try {
      r = await fn(call);
    } catch (e) {
      return { outcome: 'threw', error: e instanceof Error ? e.message : String(e), output: '', durationMs: 1 };
    }
    if ('outcome' in r) return { outcome: r.outcome, ...(r.error === undefined ? {} : { error: r.error }), output: r.output ?? '', durationMs: 1 };
    if (r.error !== undefined) answers.push(await runtimeCall(call.env, call.token, 'functions.completeError', { error: r.error, function_execution_id: id }));
    else if (r.completed !== false) {
      answers.push(await runtimeCall(call.env, call.token, 'functions.completeSuccess', { outputs: r.outputs ?? {}, function_execution_id: id }));
    }
    return { outcome: 'returned', output: r.output ?? '', durationMs: 1 };
  }
}

/** The functions of workflowsManifest() doing what they say. */
export const workingFunctions = (): Record<string, FakeFunction> => ({
  reverse: ({ inputs }) => ({ outputs: { reversed: String(inputs.text).split('').reverse().join('') } }),
  shout: ({ inputs }) => ({ outputs: { loud: String(inputs.text).toUpperCase(), length: String(inputs.text).length } }),
  wait: () => ({ completed: false }),
});

export interface Execution {
  id: string;
  trace_id: string;
  status: string;
  error?: string;
  inputs: Json;
  steps: (Json & { status: string; function_execution_id: string; outputs?: Json; error?: string })[];
}

export async function executions(emu: InProcessEmulator, appId: string): Promise<Execution[]> {
  return (await emu.control(`executions?app_id=${appId}&limit=1000`)).body.executions as Execution[];
}

/** Waits until `count` executions of the app exist and none runs any more; the executions, oldest first. */
export async function settledExecutions(emu: InProcessEmulator, appId: string, count = 1, timeoutMs = 10_000): Promise<Execution[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const list = await executions(emu, appId);
    if (list.length >= count && list.every((x) => x.status !== 'running')) return list.reverse();
    if (Date.now() > until) throw new Error(`executions did not settle: ${JSON.stringify(list.map((x) => [x.id, x.status]))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** An app with workflowsManifest(), and webhook triggers for its workflows. */
export async function workflowsApp(emu: InProcessEmulator) {
  const { token, appId } = await createApp(emu, workflowsManifest());
  /** A webhook trigger for the workflow, its inputs filled from the body's fields of the same names. */
  const webhook = async (workflow: string, inputs: string[] = []) => {
    const created = await emu.json(
      'workflows.triggers.create',
      {
        type: 'webhook',
        name: `Run ${workflow}`,
        workflow: `#/workflows/${workflow}`,
        workflow_app_id: appId,
        inputs: Object.fromEntries(inputs.map((n) => [n, { value: `{{data.${n}}}` }])),
      },
      token,
    );
    if (created.ok !== true) throw new Error(`trigger create failed: ${JSON.stringify(created)}`);
    const trigger = created.trigger as Json & { id: string; webhook_url: string };
    const post = async (body: Json) => {
      const res = await fetch(trigger.webhook_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Json };
    };
    return { trigger, post };
  };
  /** The app's activity log, oldest first. */
  const activities = async (traceId?: string) => {
    const r = await emu.json('apps.activities.list', { app_id: appId, limit: 1000, min_log_level: 'trace', ...(traceId ? { trace_id: traceId } : {}) }, token);
    if (r.ok !== true) throw new Error(`activities failed: ${JSON.stringify(r)}`);
    return (r.activities as Json[]).slice().reverse();
  };
  return { token, appId, webhook, activities };
}
