import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { control, runRosi, type EmulatorHandle } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';
import { useLoggedInEmulator } from './login-helpers.js';
import { deploySample } from './trigger-helpers.js';

// The sample app runs in the built emulator, its functions (written with the Deno SDK) in real Deno: a webhook
// call starts greet_and_remember, `greet` reads the app's GREETING variable and writes a task with the execution's
// token, Slack's send_message posts the greeting; the scheduled trigger's daily_summary counts the open tasks.
// rosi shows the result as it would show Slack's.

let emu: EmulatorHandle;
let home: string;
useLoggedInEmulator((s) => ({ emu, home } = s));

interface Step {
  function_id: string;
  status: string;
  outputs?: Record<string, unknown>;
  error?: string;
}
interface Execution {
  id: string;
  trace_id: string;
  workflow: string;
  status: string;
  steps: Step[];
}
interface Message {
  text?: string;
  app_id: string;
  workflow_execution_id: string;
}

async function executions(appId: string): Promise<Execution[]> {
  return (await control<{ executions: Execution[] }>(emu, `executions?app_id=${appId}`)).executions;
}

/** The app's newest execution once it has ended. */
async function ended(appId: string, count: number): Promise<Execution> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const all = await executions(appId);
    const x = all[0];
    if (all.length >= count && x && x.status !== 'running') return x;
    if (Date.now() > deadline) throw new Error(`no execution ended: ${JSON.stringify(all)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What workflows posted in #general, the emulator's seeded channel, for one execution. */
async function postedBy(x: Execution): Promise<string[]> {
  const { messages } = await control<{ messages: Message[] }>(emu, 'messages?channel=C0GENERAL');
  return messages.filter((m) => m.workflow_execution_id === x.id).map((m) => m.text ?? '');
}

/** The sample deployed, its GREETING set, its webhook trigger made; a POST to the webhook. */
async function greeter(name: string) {
  const { dir, appId } = await deploySample(home, name);
  const rosi = (args: string[]) => runRosi(args, { home, cwd: dir, env: { TZ: 'UTC' } });
  writeFileSync(join(dir, 'greeting.txt'), 'Bonjour\n');
  expect((await rosi(['env', 'set', 'GREETING', '--value-file', 'greeting.txt'])).code).toBe(0);
  const made = await rosi(['trigger', 'create', '--trigger-def', 'triggers/greet_webhook.ts', '--json']);
  expect(made.code, made.stderr).toBe(0);
  const { webhook_url } = JSON.parse(made.stdout) as { webhook_url: string };
  const post = (body: unknown) => fetch(webhook_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { dir, appId, rosi, post };
}

describeWith(['deno'], 'the sample app runs in the emulator', () => {
  it('webhook → greet in Deno (GREETING, a datastore put) → send_message posts the greeting; traced as on Slack', async () => {
    const { appId, rosi, post } = await greeter('runs');

    // A body the filter turns away starts nothing; a greeting starts one execution.
    expect((await post({ kind: 'other', name: 'Bo', channel: 'C0GENERAL' })).status).toBe(200);
    expect(await (await post({ kind: 'greeting', name: 'Ada', channel: 'C0GENERAL' })).json()).toEqual({ ok: true });
    const x = await ended(appId, 1);
    expect(await executions(appId)).toHaveLength(1);

    expect(x.status, JSON.stringify(x)).toBe('completed');
    expect(x.steps.map((s) => [s.function_id, s.status])).toEqual([
      ['#/functions/greet', 'completed'],
      ['slack#/functions/send_message', 'completed'],
    ]);
    const taskId = x.steps[0]?.outputs?.task_id;
    expect(x.steps[0]?.outputs).toEqual({ greeting: 'Bonjour, Ada! 👋', task_id: taskId });
    expect(await postedBy(x)).toEqual(['Bonjour, Ada! 👋']);

    const item = await rosi(['datastore', 'get', String(taskId), '--datastore', 'tasks', '--json']);
    expect(item.code, item.stderr).toBe(0);
    expect(JSON.parse(item.stdout)).toEqual({ datastore: 'tasks', item: { id: taskId, title: 'Follow up with Ada', owner: 'Ada', done: false } });

    const trace = await rosi(['activity', 'trace', x.trace_id]);
    expect(trace.code, trace.stderr).toBe(0);
    expect(trace.stdout.split('\n')[0]).toMatch(/ · completed$/);
    expect(trace.stdout).toMatch(/Function 'Greet someone' \(app function\)/);
    expect(trace.stdout).toMatch(/Step 2 of 2 'Send a message to a channel'/);
    // The function's datastore call is part of the execution's trace.
    const log = await rosi(['activity', '--trace-id', x.trace_id, '--json']);
    const events = log.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event_type: string });
    expect(events.map((e) => e.event_type)).toContain('datastore_request_result');
    expect(events.at(-1)?.event_type).toBe('function_execution_result');
  }, 90_000);

  it('an empty name: greet answers { error }, its step and the workflow fail with it, nothing is stored or posted', async () => {
    const { appId, rosi, post } = await greeter('empty-name');
    expect(await (await post({ kind: 'greeting', name: ' ', channel: 'C0GENERAL' })).json()).toEqual({ ok: true });
    const x = await ended(appId, 1);
    expect(x.status).toBe('failed');
    expect(x.steps.map((s) => [s.function_id, s.status, s.error])).toEqual([['#/functions/greet', 'failed', 'A name is needed']]);
    expect(await postedBy(x)).toEqual([]);
    const count = await rosi(['datastore', 'count', '--datastore', 'tasks', '--json']);
    expect(JSON.parse(count.stdout)).toEqual({ datastore: 'tasks', count: 0 });
    const trace = await rosi(['activity', 'trace', x.trace_id]);
    expect(trace.stdout.split('\n')[0]).toMatch(/ · failed$/);
    expect(trace.stdout).toContain('A name is needed');
  }, 90_000);

  it('a function that throws fails its step and the workflow, with the error in the trace', async () => {
    const { dir, appId } = await deploySample(home, 'throws');
    // The manifest imports the function's definition: only the handler's body changes.
    const source = join(dir, 'functions', 'greet.ts');
    const broken = readFileSync(source, 'utf8').replace('const name = inputs.name.trim();', "throw new Error('greeting machine broke');");
    expect(broken).toContain('greeting machine broke');
    writeFileSync(source, broken);
    const rosi = (args: string[]) => runRosi(args, { home, cwd: dir, env: { TZ: 'UTC' } });
    const redeployed = await rosi(['deploy', '--json']);
    expect(redeployed.code, redeployed.stderr).toBe(0);
    const made = await rosi(['trigger', 'create', '--trigger-def', 'triggers/greet_webhook.ts', '--json']);
    const { webhook_url } = JSON.parse(made.stdout) as { webhook_url: string };
    const body = JSON.stringify({ kind: 'greeting', name: 'Ada', channel: 'C0GENERAL' });
    await fetch(webhook_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const x = await ended(appId, 1);
    expect(x.status).toBe('failed');
    expect(x.steps).toHaveLength(1);
    expect(x.steps[0]?.error).toMatch(/greeting machine broke/);
    const trace = await rosi(['activity', 'trace', x.trace_id]);
    expect(trace.stdout.split('\n')[0]).toMatch(/ · failed$/);
    expect(trace.stdout).toMatch(/greeting machine broke/);
  }, 90_000);

  it('the scheduled trigger: daily_summary counts the open tasks in Deno and send_message posts the count', async () => {
    const { dir, appId } = await deploySample(home, 'summary');
    const rosi = (args: string[]) => runRosi(args, { home, cwd: dir, env: { TZ: 'UTC' } });
    const tasks = [
      { id: '1', title: 'Write docs', owner: 'ana', done: false },
      { id: '2', title: 'Try rosi', owner: 'ana', done: true },
      { id: '3', title: 'Ship it', owner: 'bo', done: false },
    ];
    for (const task of tasks) expect((await rosi(['datastore', 'put', '--datastore', 'tasks', '--item', JSON.stringify(task)])).code).toBe(0);
    const made = await rosi(['trigger', 'create', '--trigger-def', 'triggers/daily_summary.ts', '--json']);
    expect(made.code, made.stderr).toBe(0);
    const { id } = JSON.parse(made.stdout) as { id: string };

    // Its first run is tomorrow morning: fired now, as a trip of that trigger.
    expect(await control(emu, 'triggers/fire', { trigger_id: id })).toMatchObject({ ok: true });
    const x = await ended(appId, 1);
    expect(x.workflow).toBe('daily_summary');
    expect(x.status, JSON.stringify(x)).toBe('completed');
    expect(x.steps[0]?.outputs).toEqual({ summary: 'Good morning! 2 open tasks to follow up.', open_tasks: 2 });
    expect(await postedBy(x)).toEqual(['Good morning! 2 open tasks to follow up.']);
  }, 90_000);
});
