import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, runRosi, SEEDED_APP, startSeededEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { hostedManifest } from '../helpers/hosting.js';
import { loginSplit } from './login-helpers.js';

// A workflow run by the built emulator, seen through the built CLI: `rosi activity` and `rosi activity trace`
// show the entries the engine wrote as they show Slack's. The seeded app is never deployed, so a workflow of
// built-ins completes and one with an app function fails, saying why (workflow-run.e2e.test.ts runs a deployed one).

let emu: EmulatorHandle;
let home: string;
let cleanup: () => void;

const manifest = hostedManifest({
  workflows: {
    announce: {
      title: 'Announce',
      steps: [
        { id: '0', function_id: 'slack#/functions/send_message', inputs: { channel_id: 'C0GENERAL', message: 'Deploy finished' } },
        { id: '1', function_id: 'slack#/functions/reply_in_thread', inputs: { message_context: '{{steps.0.message_context}}', message: 'All green' } },
      ],
    },
    nightly: { title: 'Nightly', steps: [{ id: '0', function_id: '#/functions/create_task', inputs: {} }] },
  },
});

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  emu = await startSeededEmulator(home, manifest);
  await loginSplit(emu, home);
}, 60_000);
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});

const rosi = (args: string[]) => runRosi(args, { home, cwd: home, env: { TZ: 'UTC' } });

interface Execution {
  id: string;
  trace_id: string;
  status: string;
}

/** Makes a link trigger for the workflow with rosi, fires it, and waits for its execution to end. */
async function run(workflow: string, title: string): Promise<Execution> {
  const made = await rosi(['trigger', 'create', '--workflow', workflow, '--title', title, '--app', SEEDED_APP, '--json']);
  expect(made.code, made.stderr).toBe(0);
  const { id } = JSON.parse(made.stdout) as { id: string };
  const fired = await control<{ workflow_execution_id: string }>(emu, 'triggers/fire', { trigger_id: id });
  for (;;) {
    const { executions } = await control<{ executions: Execution[] }>(emu, `executions?app_id=${SEEDED_APP}`);
    const x = executions.find((e) => e.id === fired.workflow_execution_id);
    if (x && x.status !== 'running') return x;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The tree without the offset column and durations, which depend on timing (continuation lines lose their indent). */
const shape = (out: string) =>
  out
    .trimEnd()
    .split('\n')
    .map((l, i) => (i === 0 ? l.replace(/ · \d{4}-.*$/, '') : l.replace(/^\s*(\+\S+ \S+)?  /, '').replace(/ · [\d.]+ (µs|ms|s)/g, '')));

describe('rosi activity trace shows an execution of the emulator as Slack’s', () => {
  it('a workflow of built-ins: trigger → workflow → steps → functions, completed', async () => {
    const x = await run('announce', 'Announce now');
    expect(x.status).toBe('completed');
    const r = await rosi(['activity', 'trace', x.trace_id, '--app', SEEDED_APP]);
    expect(r.code, r.stderr).toBe(0);
    expect(shape(r.stdout)).toEqual([
      `Trace ${x.trace_id}`,
      expect.stringMatching(/^└─ ✓ Shortcut trigger → 'Announce' Wf[A-Z0-9]{10}$/),
      expect.stringMatching(/^   └─ ✓ Workflow 'Announce' Wf[A-Z0-9]{10}$/),
      expect.stringMatching(/^      ├─ ✓ Step 1 of 2 'Send a message to a channel' Wf[A-Z0-9]{10}$/),
      expect.stringMatching(/^      │  └─ ✓ Function 'Send a message to a channel' \(slack function\) Fn[A-Z0-9]{10}$/),
      expect.stringMatching(/^      └─ ✓ Step 2 of 2 'Reply to a message in thread' Wf[A-Z0-9]{10}$/),
      expect.stringMatching(/^         └─ ✓ Function 'Reply to a message in thread' \(slack function\) Fn[A-Z0-9]{10}$/),
    ]);
    expect(r.stdout.split('\n')[0]).toMatch(/ · completed$/);
    const { messages } = await control<{ messages: { text: string; thread_ts?: string; ts: string }[] }>(emu, 'messages?channel=C0GENERAL');
    expect(messages.map((m) => m.text)).toEqual(['Deploy finished', 'All green']);
    expect(messages[1]?.thread_ts).toBe(messages[0]?.ts);
  });

  it('an app function of an app never deployed: the function, step, workflow fail with the reason, and rosi activity prints Slack’s lines', async () => {
    const x = await run('nightly', 'Nightly now');
    expect(x.status).toBe('failed');
    const r = await rosi(['activity', 'trace', x.trace_id, '--app', SEEDED_APP]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/ · failed$/);
    expect(shape(r.stdout).slice(2)).toEqual([
      expect.stringMatching(/^   └─ ✗ Workflow 'Nightly' Wf[A-Z0-9]{10} · failed$/),
      '│  error: Function failed to execute',
      expect.stringMatching(/^      └─ ✗ Step 1 of 1 'Create a task' Wf[A-Z0-9]{10} · failed$/),
      expect.stringMatching(/^         └─ ✗ Function 'Create a task' \(app function\) Fn[A-Z0-9]{10} · failed$/),
      'error: app_not_deployed: the app has no deployed bundle to run its functions from; deploy it with rosi deploy',
    ]);
    const lines = await rosi(['activity', '--trace-id', x.trace_id, '--app', SEEDED_APP]);
    expect(lines.code, lines.stderr).toBe(0);
    const messages = lines.stdout
      .trimEnd()
      .split('\n')
      .filter((l) => /^\d{4}-/.test(l))
      .map((l) => l.replace(/^\S+ \S+ /, '').replace(/\[(Wf|Fn)[A-Z0-9]{10}\]/, '[$1]'));
    expect(messages).toEqual([
      `[info] [Wf] (Trace=${x.trace_id}) Shortcut trigger successfully started execution of function 'Nightly'`,
      `[info] [Fn] (Trace=${x.trace_id}) Function 'Nightly' (workflow function) started`,
      `[info] [Wf] (Trace=${x.trace_id}) Workflow 'Nightly' started`,
      `[info] [Wf] (Trace=${x.trace_id}) Workflow step 1 of 1 started`,
      `[info] [Fn] (Trace=${x.trace_id}) Function 'Create a task' (app function) started`,
      `[error] [Fn] (Trace=${x.trace_id}) Function 'Create a task' (app function) failed`,
      `[error] [Wf] (Trace=${x.trace_id}) Workflow step 'Create a task' failed`,
      `[error] [Wf] (Trace=${x.trace_id}) Workflow 'Nightly' failed`,
      `[error] [Fn] (Trace=${x.trace_id}) Function 'Nightly' (workflow function) failed`,
    ]);
  });
});
