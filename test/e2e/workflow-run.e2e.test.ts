import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { control, runRosi, type EmulatorHandle } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';
import { useLoggedInEmulator } from './login-helpers.js';
import { deploySample } from './trigger-helpers.js';

// The sample app runs in the built emulator, its functions in real Deno: a webhook call starts the workflow,
// `greet` reads the app's GREETING variable, `create_task` writes to the datastore with the execution's token,
// and rosi shows the result as it would show Slack's.

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
  status: string;
  steps: Step[];
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

describeWith(['deno'], 'a deployed app runs in the emulator', () => {
  it('webhook → workflow → functions in Deno → datastore, with the app’s variable, traced as on Slack', async () => {
    const { dir, appId } = await deploySample(home, 'runs');
    const rosi = (args: string[]) => runRosi(args, { home, cwd: dir, env: { TZ: 'UTC' } });
    writeFileSync(join(dir, 'greeting.txt'), 'Bonjour\n');
    expect((await rosi(['env', 'set', 'GREETING', '--value-file', 'greeting.txt'])).code).toBe(0);
    const made = await rosi(['trigger', 'create', '--trigger-def', 'triggers/greet_webhook.ts', '--json']);
    expect(made.code, made.stderr).toBe(0);
    const { webhook_url } = JSON.parse(made.stdout) as { webhook_url: string };

    // A body the filter turns away starts nothing; a greeting starts one execution.
    const post = (body: unknown) => fetch(webhook_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ kind: 'other', name: 'Bo' })).status).toBe(200);
    expect(await (await post({ kind: 'greeting', name: 'Ada' })).json()).toEqual({ ok: true });
    const x = await ended(appId, 1);
    expect(await executions(appId)).toHaveLength(1);

    expect(x.status, JSON.stringify(x)).toBe('completed');
    expect(x.steps.map((s) => [s.function_id, s.status])).toEqual([
      ['#/functions/greet', 'completed'],
      ['#/functions/create_task', 'completed'],
    ]);
    expect(x.steps[0]?.outputs).toEqual({ greeting: 'Bonjour, Ada! 👋' });
    const taskId = x.steps[1]?.outputs?.task_id;
    expect(typeof taskId).toBe('string');

    const item = await rosi(['datastore', 'get', String(taskId), '--datastore', 'tasks', '--json']);
    expect(item.code, item.stderr).toBe(0);
    expect(JSON.parse(item.stdout)).toMatchObject({ item: { id: taskId, title: 'Follow up with Ada', owner: 'Ada', done: false } });

    const trace = await rosi(['activity', 'trace', x.trace_id]);
    expect(trace.code, trace.stderr).toBe(0);
    expect(trace.stdout.split('\n')[0]).toMatch(/ · completed$/);
    expect(trace.stdout).toMatch(/Function 'Greet someone' \(app function\)/);
    expect(trace.stdout).toMatch(/Function 'Create a task' \(app function\)/);
    // The function's datastore call is part of the execution's trace.
    const log = await rosi(['activity', '--trace-id', x.trace_id, '--json']);
    const events = log.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event_type: string });
    expect(events.map((e) => e.event_type)).toContain('datastore_request_result');
    expect(events.at(-1)?.event_type).toBe('function_execution_result');
  }, 90_000);

  it('a function that throws fails its step and the workflow, with the error in the trace', async () => {
    const { dir, appId } = await deploySample(home, 'throws');
    writeFileSync(join(dir, 'functions', 'greet.ts'), "export default async function greet() {\n  throw new Error('greeting machine broke');\n}\n");
    const rosi = (args: string[]) => runRosi(args, { home, cwd: dir, env: { TZ: 'UTC' } });
    expect((await rosi(['deploy', '--json'])).code).toBe(0);
    const made = await rosi(['trigger', 'create', '--trigger-def', 'triggers/greet_webhook.ts', '--json']);
    const { webhook_url } = JSON.parse(made.stdout) as { webhook_url: string };
    await fetch(webhook_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'greeting', name: 'Ada' }) });
    const x = await ended(appId, 1);
    expect(x.status).toBe('failed');
    expect(x.steps).toHaveLength(1);
    expect(x.steps[0]?.error).toMatch(/greeting machine broke/);
    const trace = await rosi(['activity', 'trace', x.trace_id]);
    expect(trace.stdout.split('\n')[0]).toMatch(/ · failed$/);
    expect(trace.stdout).toMatch(/greeting machine broke/);
  }, 90_000);
});
