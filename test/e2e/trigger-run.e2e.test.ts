import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { control, runRosi, type EmulatorHandle } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';
import { useLoggedInEmulator } from './login-helpers.js';
import { deploySample, expectFailure, json, printedArgv } from './trigger-helpers.js';

// `rosi trigger run` through the built CLI against the built emulator, on the sample app (examples/hello-rosi):
// a webhook trigger is called at its URL, a link trigger is fired with emulator.triggers.run (its only way offline),
// and the commands it prints run as printed. The refusal of a link trigger on Slack needs a host that is not
// loopback, which the emulator cannot be: src/commands/trigger/run.test.ts covers it.

let emu: EmulatorHandle;
let home: string;
let sample: { dir: string; appId: string };
useLoggedInEmulator((s) => ({ emu, home } = s));
beforeAll(async () => {
  sample = await deploySample(home, 'runs');
}, 90_000);

const rosi = (args: string[], o: { timeoutMs?: number } = {}) => runRosi(args, { home, cwd: sample.dir, env: { TZ: 'UTC' }, ...o });

interface Execution {
  id: string;
  trace_id: string;
  trigger_id: string;
  status: string;
  inputs: Record<string, unknown>;
}
async function executionsOf(triggerId: string): Promise<Execution[]> {
  const { executions } = await control<{ executions: Execution[] }>(emu, `executions?app_id=${sample.appId}&limit=1000`);
  return executions.filter((x) => x.trigger_id === triggerId);
}
/** The execution of the trigger once the engine has recorded it (a webhook's run starts after its answer). */
async function startedBy(triggerId: string): Promise<Execution> {
  const until = Date.now() + 10_000;
  for (;;) {
    const [x] = await executionsOf(triggerId);
    if (x) return x;
    if (Date.now() > until) throw new Error(`no execution of ${triggerId}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A trigger made with `rosi trigger create` from a definition file written into the sample's folder. */
async function created(name: string, definition: unknown): Promise<{ id: string; webhook_url?: string }> {
  mkdirSync(join(sample.dir, 'defs'), { recursive: true });
  writeFileSync(join(sample.dir, 'defs', name), JSON.stringify(definition));
  return json<{ id: string; webhook_url?: string }>(await rosi(['trigger', 'create', '--trigger-def', `defs/${name}`, '--json']));
}

const linkDef = {
  type: 'shortcut',
  name: 'Greet me',
  workflow: '#/workflows/greet_and_remember',
  inputs: { name: { value: '{{data.user_id}}' }, channel: { value: '{{data.channel_id}}' } },
};

describe('rosi trigger run against the emulator', () => {
  it('a webhook trigger with --inputs: the body reaches its URL, the workflow starts, and the printed activity command shows it', async () => {
    const hook = json<{ id: string }>(await rosi(['trigger', 'create', '--trigger-def', 'triggers/greet_webhook.ts', '--json']));
    const r = await rosi(['trigger', 'run', '--trigger-id', hook.id, '--inputs', '{"kind": "greeting", "name": "Ada", "channel": "C0GENERAL"}']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Called Greet from a webhook (${hook.id}): the webhook accepted the call; its filter decides whether Greet and remember starts\n`);
    const x = await startedBy(hook.id);
    expect(x.inputs).toEqual({ name: 'Ada', channel: 'C0GENERAL' });
    const { trips } = await control<{ trips: { trigger_id: string; data: unknown }[] }>(emu, `triggers/trips?app_id=${sample.appId}`);
    expect(trips.filter((t) => t.trigger_id === hook.id).map((t) => t.data)).toEqual([{ kind: 'greeting', name: 'Ada', channel: 'C0GENERAL' }]);

    // The tail runs until stopped: it is stopped once it had the time to print the log so far.
    const argv = printedArgv(r.stderr, 'follow the app’s activity: ');
    expect(argv.slice(0, 2)).toEqual(['activity', '--tail']);
    const tail = await rosi(argv, { timeoutMs: 5_000 });
    expect(tail.stderr).not.toMatch(/^✗/m);
    expect(tail.stdout).toContain(`Trace=${x.trace_id}`);
  }, 30_000);

  it('a link trigger: started with a click by the developer; the printed trace command runs as printed', async () => {
    const link = await created('link.json', linkDef);
    const r = await rosi(['trigger', 'run', '--trigger-id', link.id]);
    expect(r.code, r.stderr).toBe(0);
    const m = /^Started Greet and remember \(Greet me\): workflow execution (Wx[A-Z0-9]{10}), trace (Tr[A-Z0-9]{10})\n$/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    const x = await startedBy(link.id);
    expect(x).toMatchObject({ id: m?.[1], trace_id: m?.[2], inputs: { name: 'U0EMULATOR' } });

    const argv = printedArgv(r.stderr, 'See how it runs: ');
    expect(argv.slice(0, 3)).toEqual(['activity', 'trace', m?.[2]]);
    const trace = await rosi(argv);
    expect(trace.code, trace.stderr).toBe(0);
    expect(trace.stdout).toContain('Greet and remember');
  });

  it('--json: the answer object, naming the execution the emulator records', async () => {
    const link = await created('link-json.json', { ...linkDef, name: 'Greet me too' });
    const answer = json<{ ok: boolean; workflow_execution_id: string; trace_id: string }>(
      await rosi(['trigger', 'run', '--trigger-id', link.id, '--inputs', '{"user_id": "U0SOMEONE"}', '--json']),
    );
    expect(answer).toEqual({ ok: true, workflow_execution_id: expect.stringMatching(/^Wx/), trace_id: expect.stringMatching(/^Tr/) });
    const x = await startedBy(link.id);
    expect(x).toMatchObject({ id: answer.workflow_execution_id, trace_id: answer.trace_id, inputs: { name: 'U0SOMEONE' } });
  });

  it('bad --inputs: exit 2 saying where, nothing fired; no --trigger-id without a terminal: exit 2 naming it', async () => {
    const link = await created('link-bad.json', { ...linkDef, name: 'Not fired' });
    const bad = await rosi(['trigger', 'run', '--trigger-id', link.id, '--inputs', '{"user_id": }']);
    expectFailure(bad, 2);
    expect(bad.stderr).toContain('--inputs is not valid JSON: expected a value at column 13, found "}"');
    const none = await rosi(['trigger', 'run']);
    expectFailure(none, 2);
    expect(none.stderr).toContain('rosi trigger run needs --trigger-id');
    expect(await executionsOf(link.id)).toEqual([]);
  });

  it('inputs the data cannot fill (a link clicked outside a message has no message_ts): exit 1 with the reason and the data the inputs read', async () => {
    const link = await created('link-empty.json', { ...linkDef, name: 'Reads a name', inputs: { ...linkDef.inputs, name: { value: '{{data.message_ts}}' } } });
    const r = await rosi(['trigger', 'run', '--trigger-id', link.id]);
    expectFailure(r, 1);
    expect(r.stderr).toContain('Null value for non-nullable parameter `name`');
    expect(r.stderr).toContain(`pass them with --inputs '{"channel_id": "…", "message_ts": "…"}'`);
  });
});

describeWith(['deno'], 'rosi trigger run --wait, with the functions in Deno', () => {
  it('waits for the run to end: exit 0 when it completed, and --json says so', async () => {
    const link = await created('link-wait.json', { ...linkDef, name: 'Waited for' });
    const r = await rosi(['trigger', 'run', '--trigger-id', link.id, '--wait'], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Workflow execution Wx[A-Z0-9]{10} completed/);
    expect((await executionsOf(link.id))[0]?.status).toBe('completed');
    const j = json<{ status: string }>(await rosi(['trigger', 'run', '--trigger-id', link.id, '--wait', '--json'], { timeoutMs: 60_000 }));
    expect(j.status).toBe('completed');
  }, 90_000);
});
