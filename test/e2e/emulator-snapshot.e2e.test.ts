import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { control, freshHomes, runRosi, startEmulator, type EmulatorHandle, type RunResult } from '../helpers/e2e.js';
import { hasTool } from '../helpers/system-tools.js';
import { loginSplit } from './login-helpers.js';
import { deploySample } from './trigger-helpers.js';

// A snapshot carries an emulator's whole state: an emulator started from it (--import) or given it
// (rosi emulator snapshot load) answers every rosi command as the one it was saved from. The emulators take
// turns on one port, so the stored login and every URL they print stay the same.

const home = freshHomes();
const running: EmulatorHandle[] = [];
afterEach(async () => {
  for (const e of running.splice(0)) await e.stop();
});
async function emulator(args: string[], h: string): Promise<EmulatorHandle> {
  const e = await startEmulator(['--ephemeral', '--control', '--no-schedules', ...args], h);
  running.push(e);
  return e;
}
async function stop(e: EmulatorHandle): Promise<void> {
  await e.stop();
  running.splice(running.indexOf(e), 1);
}
const portOf = (e: EmulatorHandle) => new URL(e.url).port;

interface Execution {
  id: string;
  status: string;
}

/** What rosi says of the app, command by command; activity first, since the later reads leave entries of their own. */
async function everything(emu: EmulatorHandle, h: string, dir: string, appId: string): Promise<Record<string, unknown>> {
  const rosi = async (args: string[]) => {
    const r: RunResult = await runRosi(args, { home: h, cwd: dir, env: { TZ: 'UTC' } });
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };
  return {
    activity: await rosi(['activity', '--json']),
    messages: await rosi(['emulator', 'messages', '--json']),
    triggers: await rosi(['trigger', 'list', '--json']),
    env: await rosi(['env', 'list', '--json']),
    tasks: await rosi(['datastore', 'query', '--datastore', 'tasks', '--json']),
    deployments: await control(emu, `deployments?app_id=${appId}`),
    executions: await control(emu, `executions?app_id=${appId}`),
  };
}

async function ended(emu: EmulatorHandle, appId: string): Promise<Execution> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const { executions } = await control<{ executions: Execution[] }>(emu, `executions?app_id=${appId}`);
    const x = executions[0];
    if (x && x.status !== 'running') return x;
    if (Date.now() > deadline) throw new Error(`the run did not end: ${JSON.stringify(executions)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('rosi emulator snapshot', () => {
  it('an emulator started from a snapshot, and one the snapshot is loaded into, answer as the one it was saved from', async () => {
    const h = home();
    const a = await emulator([], h);
    await loginSplit(a, h);
    const { dir, appId } = await deploySample(h, 'hello');
    const rosi = (args: string[]) => runRosi(args, { home: h, cwd: dir, env: { TZ: 'UTC' } });
    writeFileSync(join(dir, 'greeting.txt'), 'Bonjour\n');
    expect((await rosi(['env', 'set', 'GREETING', '--value-file', 'greeting.txt'])).code).toBe(0);
    const made = await rosi(['trigger', 'create', '--trigger-def', 'triggers/greet_webhook.ts', '--json']);
    expect(made.code, made.stderr).toBe(0);
    for (const [id, owner] of [
      ['t1', 'Grace'],
      ['t2', 'Alan'],
    ]) {
      const put = await rosi(['datastore', 'put', '--datastore', 'tasks', '--item', JSON.stringify({ id, title: `Call ${owner}`, owner, done: false })]);
      expect(put.code, put.stderr).toBe(0);
    }
    // A workflow run (its activity entries, the message it posts) needs Deno; without it the rest still counts.
    if (hasTool('deno')) {
      const { webhook_url } = JSON.parse(made.stdout) as { webhook_url: string };
      const post = await fetch(webhook_url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'greeting', name: 'Ada', channel: 'C0GENERAL' }),
      });
      expect(post.status).toBe(200);
      expect((await ended(a, appId)).status).toBe('completed');
    }

    const file = join(h, 'state.snapshot');
    const saved = await runRosi(['emulator', 'snapshot', 'save', file, '--apihost', a.url, '--json'], { home: h });
    expect(saved.code, saved.stderr).toBe(0);
    const summary = JSON.parse(saved.stdout) as { file: string; bytes: number; api_host: string };
    expect(summary).toEqual({ file, bytes: expect.any(Number), api_host: a.url });
    const before = await everything(a, h, dir, appId);
    if (hasTool('deno')) expect(JSON.parse(before.messages as string)).toHaveLength(1);
    expect((before.activity as string).trim().split('\n').length).toBeGreaterThan(2);
    expect(JSON.parse(before.triggers as string).triggers).toHaveLength(1);
    expect(JSON.parse(before.tasks as string).items.length).toBeGreaterThanOrEqual(2);
    const port = portOf(a);
    const url = a.url;
    await stop(a);

    const b = await emulator(['--port', port, '--import', file], h);
    expect(b.url).toBe(url);
    expect(await everything(b, h, dir, appId)).toEqual(before);
    await stop(b);

    const c = await emulator(['--port', port], h);
    const loaded = await runRosi(['emulator', 'snapshot', 'load', file, '--apihost', c.url], { home: h });
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.stderr).toContain(`Loaded ${file} into the emulator at ${c.url}`);
    expect(await everything(c, h, dir, appId)).toEqual(before);
  }, 180_000);

  it('a save overwrites the file whole; with no emulator there it says how to start one, and the file stays', async () => {
    const h = home();
    const a = await emulator([], h);
    const file = join(h, 'kept.snapshot');
    writeFileSync(file, 'an older snapshot');
    const saved = await runRosi(['emulator', 'snapshot', 'save', file, '--apihost', a.url], { home: h });
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toBe('');
    expect(saved.stderr).toMatch(new RegExp(`Saved the emulator’s state at ${a.url} to ${file} \\(\\d+ bytes\\)`));
    expect(readFileSync(file, 'latin1')).toMatch(/^rosi-emulator-snapshot 1\n/);
    const port = portOf(a);
    await stop(a);
    writeFileSync(file, 'an older snapshot');
    const none = await runRosi(['emulator', 'snapshot', 'save', file, '--apihost', `http://127.0.0.1:${port}`], { home: h });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`No emulator is listening at http://127.0.0.1:${port}`);
    expect(none.stderr).toContain(`Start one with: rosi emulator start --port ${port}`);
    expect(none.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file, 'utf8')).toBe('an older snapshot');
  });

  it('refuses a host that is not on this machine, before anything is sent', async () => {
    const h = home();
    for (const verb of ['save', 'load']) {
      const r = await runRosi(['emulator', 'snapshot', verb, join(h, 'x.snapshot'), '--apihost', 'https://slack.com'], { home: h });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`rosi emulator snapshot ${verb} works with an emulator on this machine, and https://slack.com is not one`);
    }
  });
});
