import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, baseEnv, control, runRosi, SEEDED_APP, startSeededEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { hostedManifest } from '../helpers/hosting.js';
import { loginSplit } from './login-helpers.js';

// What workflows post is read back with `rosi emulator messages`: the seeded app's workflow runs Slack's
// built-ins only (no Deno needed), fired through the control endpoint, and rosi lists what it posted.

const manifest = hostedManifest({
  workflows: {
    announce: {
      title: 'Announce',
      steps: [
        { id: '0', function_id: 'slack#/functions/send_message', inputs: { channel_id: 'C0GENERAL', message: 'Deploy finished' } },
        { id: '1', function_id: 'slack#/functions/reply_in_thread', inputs: { message_context: '{{steps.0.message_context}}', message: 'All green' } },
      ],
    },
  },
});

interface Execution {
  id: string;
  status: string;
  steps: { function_execution_id: string; status: string; error?: string }[];
}

describe('rosi emulator messages (built CLI)', () => {
  let emu: EmulatorHandle;
  let home: string;
  let cleanup: () => void;
  beforeAll(async () => {
    ({ home, cleanup } = tempHome());
    emu = await startSeededEmulator(home, manifest);
    await loginSplit(emu, home);
  });
  afterAll(async () => {
    await emu?.stop();
    cleanup?.();
  });
  const rosi = (args: string[]) => runRosi(args, { home, env: { TZ: 'UTC' } });

  /** Fires the announce workflow once and waits for it to end. */
  async function announce(): Promise<Execution> {
    const made = await rosi(['trigger', 'create', '--app', SEEDED_APP, '--workflow', 'announce', '--title', 'Announce', '--json']);
    expect(made.code, made.stderr).toBe(0);
    const { id } = JSON.parse(made.stdout) as { id: string };
    await control(emu, 'triggers/fire', { trigger_id: id });
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { executions } = await control<{ executions: Execution[] }>(emu, `executions?app_id=${SEEDED_APP}`);
      const x = executions[0];
      if (x && x.status !== 'running') return x;
      if (Date.now() > deadline) throw new Error(`the workflow did not end: ${JSON.stringify(executions)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('nothing posted yet → a note on stderr, empty stdout, `[]` with --json, exit 0', async () => {
    const r = await rosi(['emulator', 'messages']);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toContain('Nothing was posted in the team’s channels yet.');
    const j = await rosi(['emulator', 'messages', '--json']);
    expect(j.code, j.stderr).toBe(0);
    expect(JSON.parse(j.stdout)).toEqual([]);
  });

  it('lists what a workflow posted, its thread reply indented, with the app and the execution', async () => {
    const x = await announce();
    expect(x.status, JSON.stringify(x)).toBe('completed');
    const r = await rosi(['emulator', 'messages']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  #general  ${SEEDED_APP}  announce ${x.id}  Deploy finished$`)),
      expect.stringMatching(new RegExp(`^    \\S+Z  #general  ${SEEDED_APP}  announce ${x.id}  All green$`)),
    ]);
    expect(r.stderr).toBe('');

    const j = await rosi(['emulator', 'messages', '--channel', '#general', '--json']);
    expect(j.code, j.stderr).toBe(0);
    const messages = JSON.parse(j.stdout) as Record<string, unknown>[];
    expect(messages).toEqual([
      expect.objectContaining({
        channel: 'C0GENERAL',
        channel_name: 'general',
        text: 'Deploy finished',
        app_id: SEEDED_APP,
        workflow: 'announce',
        workflow_execution_id: x.id,
        function_execution_id: x.steps[0]?.function_execution_id,
        reply_count: 1,
      }),
      expect.objectContaining({ text: 'All green', thread_ts: messages[0]?.ts, function_execution_id: x.steps[1]?.function_execution_id }),
    ]);
    const random = await rosi(['emulator', 'messages', '--channel', 'C0RANDOM', '--json']);
    expect(JSON.parse(random.stdout)).toEqual([]);
  });

  it('a channel the team does not have → exit 2 naming it', async () => {
    const r = await rosi(['emulator', 'messages', '--channel', '#nowhere']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Invalid --channel: the team has no channel named #nowhere');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('against a host that is not the emulator → exit 2, sending nothing', async () => {
    const r = await runRosi(['emulator', 'messages', '--token', 'xoxp-not-sent', '--apihost', 'https://slack.example'], { home });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('reads the emulator’s message log, and https://slack.example is not the emulator');
  });
});

describe('rosi emulator start (built CLI)', () => {
  it('--help shows start’s flags; the group’s help lists its verbs', async () => {
    const { home, cleanup } = tempHome();
    try {
      const start = await runRosi(['emulator', 'start', '--help'], { home });
      expect(start.code).toBe(0);
      expect(start.stdout).toContain('rosi emulator start [flags]');
      expect(start.stdout).toContain('--faults <spec>');
      const group = await runRosi(['emulator', '--help'], { home });
      expect(group.code).toBe(0);
      expect(group.stdout).toMatch(/start\s+Run the Slack platform API on this machine \(the default\)/);
      expect(group.stdout).toMatch(/messages\s+Print what workflows posted/);
    } finally {
      cleanup();
    }
  });

  it.each([[['emulator', 'start']], [['emulator']]])('rosi %j --port 0 --json --in-memory starts it and stops on SIGTERM', async (words) => {
    const { home, cleanup } = tempHome();
    const child = spawn(process.execPath, [BIN, ...words, '--port', '0', '--json', '--in-memory'], {
      cwd: home,
      env: baseEnv(home),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
      const { url } = JSON.parse(line) as { url: string };
      expect(await (await fetch(`${url}/api/auth.test`, { method: 'POST' })).json()).toEqual({ ok: false, error: 'not_authed' });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(130);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      cleanup();
    }
  });
});
