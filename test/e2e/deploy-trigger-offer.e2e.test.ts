import { spawn } from 'node:child_process';
import { beforeEach, expect, it } from 'vitest';
import { baseEnv, BIN, control, runRosi, sampleApp, type EmulatorHandle } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';
import { useLoggedInEmulator } from './login-helpers.js';

// What `rosi deploy` offers once it is done: a trigger from the project's definition files, on a terminal only.
let emu: EmulatorHandle;
let home: string;
useLoggedInEmulator((s) => ({ emu, home } = s));
beforeEach(async () => {
  await control(emu, 'reset-calls', {});
});

const QUESTION = /Enter a number \(1-(\d+)\)/;

/**
 * `rosi <args>` in a pseudo-terminal (util-linux `script`), answering the first numbered question with
 * `answer`; with no answer, a question ends the run at once (asked: true) rather than waiting on it.
 */
async function onTerminal(args: string, cwd: string, answer?: string): Promise<{ code: number | null; screen: string; asked: boolean }> {
  const child = spawn('script', ['-qfec', `${process.execPath} ${BIN} ${args}`, '/dev/null'], { env: baseEnv(home, { CI: undefined, TERM: 'xterm' }), cwd });
  let screen = '';
  let asked = false;
  child.stdout.on('data', (d: Buffer) => {
    screen += d.toString();
    if (asked || !QUESTION.test(screen)) return;
    asked = true;
    if (answer === undefined) child.kill('SIGTERM');
    else child.stdin.write(`${answer}\r`);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  clearTimeout(timer);
  return { code, screen, asked };
}

const listCalls = async () => (await control<{ count: number }>(emu, 'calls?method=workflows.triggers.list')).count;
const triggersOf = async (app: string) => {
  const r = await runRosi(['trigger', 'list', '--json'], { home, cwd: app });
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { triggers: { id: string; type: string; name: string }[] }).triggers;
};

describeWith(['script'], 'rosi deploy on a terminal offers a trigger', () => {
  it('the first deploy offers the definition files; the webhook one is created; the next deploy does not ask again', async () => {
    const app = sampleApp(home, 'offered');
    const first = await onTerminal('deploy', app, '2');
    expect(first.code, first.screen).toBe(0);
    expect(first.screen).toContain('⚡ Create a trigger');
    expect(first.screen).toContain("Found 2 trigger definition files under 'triggers/*':");
    expect(first.screen).toMatch(/1\) triggers\/daily_summary\.ts\s+2\) triggers\/greet_webhook\.ts\s+3\) Do not create a trigger/);
    expect(first.screen).toContain('Greet from a webhook Ft');
    expect(first.screen).toMatch(/Created trigger Ft\w+ on app A\w+/);
    const triggers = await triggersOf(app);
    expect(triggers).toEqual([expect.objectContaining({ type: 'webhook', name: 'Greet from a webhook' })]);
    // The created trigger is known to completion at once.
    const offered = await runRosi(['__complete', 'triggers', '--', ''], { home, cwd: app });
    expect(offered.stdout).toBe(`${triggers[0]!.id}\tGreet from a webhook\n`);

    await control(emu, 'reset-calls', {});
    const second = await onTerminal('deploy', app);
    expect(second.code, second.screen).toBe(0);
    expect(second.asked).toBe(false);
    expect(second.screen).not.toContain('Create a trigger');
    expect(await listCalls()).toBe(1);
    expect(await triggersOf(app)).toHaveLength(1);
  });

  it('--hide-triggers: no offer, and no list call', async () => {
    const app = sampleApp(home, 'hidden');
    const r = await onTerminal('deploy --hide-triggers', app);
    expect(r.code, r.screen).toBe(0);
    expect(r.asked).toBe(false);
    expect(r.screen).not.toContain('Create a trigger');
    expect(await listCalls()).toBe(0);
  });
});

it('in CI, without a terminal: no offer, no list call, and the deploy’s output is as before', async () => {
  const app = sampleApp(home, 'ci');
  const r = await runRosi(['deploy'], { home, cwd: app, env: { CI: 'true' }, timeoutMs: 60_000 });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('Created and deployed Hello Rosi');
  expect(r.stdout + r.stderr).not.toContain('trigger');
  expect(await listCalls()).toBe(0);
  expect(await triggersOf(app)).toEqual([]);
});
