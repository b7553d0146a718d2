import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { appendActivities, APP, nowMicros, spawnRosi, startActivityEmulator, type NewActivity } from '../helpers/activity-e2e.js';
import { loginSplit } from './login-helpers.js';

let emu: EmulatorHandle;
let home: string;
let dataDir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  dataDir = mkdtempSync(join(home, 'data-'));
  emu = await startActivityEmulator(home, dataDir);
  await loginSplit(emu, home);
}, 60_000);
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});

const tailing = (trace: string, extra: string[] = []) =>
  spawnRosi(['activity', '--tail', '--interval', '0.2', '--json', '--trace-id', trace, '--app', APP, ...extra], { home, env: { TZ: 'UTC' } });
const labels = (lines: string[]) => lines.map((l) => (JSON.parse(l) as { payload: { k: string } }).payload.k);
const output = (trace: string, k: string, created: number): NewActivity => ({
  event_type: 'function_execution_output',
  source: 'developer',
  trace_id: trace,
  payload: { k },
  created,
});

describe('rosi activity --tail against the emulator', () => {
  it('a burst of 5,000 between two polls, most sharing a microsecond and some identical, is printed exactly once, in order; Ctrl-C exits 130', async () => {
    const t = nowMicros();
    await appendActivities(emu, [output('TrBURST', 'first', t)]);
    const tail = tailing('TrBURST', ['--idle', '0']);
    await tail.waitForLines(1);
    // 2,500 in one microsecond, 2,500 in the next; every tenth a copy of the one before it.
    const burst = Array.from({ length: 5000 }, (_, i) => output('TrBURST', i % 10 === 9 ? `b${i - 1}` : `b${i}`, t + 1 + (i < 2500 ? 0 : 1)));
    await appendActivities(emu, burst);
    await tail.waitForLines(5001);
    // One more poll finds nothing new: no line may be printed twice.
    await new Promise((r) => setTimeout(r, 500));
    tail.signal('SIGINT');
    const exit = await tail.exit;
    expect(exit.code).toBe(130);
    expect(labels(tail.lines())).toEqual(['first', ...burst.map((a) => (a.payload as { k: string }).k)]);
  }, 30_000);

  it('the emulator stops answering for two seconds mid-tail: the tail carries on, nothing lost or repeated', async () => {
    const t = nowMicros();
    await appendActivities(
      emu,
      [0, 1, 2].map((i) => output('TrDOWN', `a${i}`, t + i)),
    );
    const tail = tailing('TrDOWN', ['--idle', '0']);
    await tail.waitForLines(3);
    const port = Number(new URL(emu.url).port);
    await emu.stop();
    await new Promise((r) => setTimeout(r, 2000));
    emu = await startActivityEmulator(home, dataDir, port);
    await appendActivities(
      emu,
      [0, 1, 2].map((i) => output('TrDOWN', `b${i}`, nowMicros() + i)),
    );
    await tail.waitForLines(6);
    await new Promise((r) => setTimeout(r, 500));
    tail.signal('SIGINT');
    expect((await tail.exit).code).toBe(130);
    expect(labels(tail.lines())).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'b2']);
    expect(tail.stderr()).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('--limit 1 prints exactly one activity when several share the newest microsecond', async () => {
    const t = nowMicros();
    await appendActivities(emu, [output('TrONE', 'old', t - 1), output('TrONE', 'x', t), output('TrONE', 'y', t), output('TrONE', 'z', t)]);
    const tail = tailing('TrONE', ['--idle', '0', '--limit', '1']);
    await tail.waitForLines(1);
    await appendActivities(emu, [output('TrONE', 'next', t + 1)]);
    await tail.waitForLines(2);
    await new Promise((r) => setTimeout(r, 500));
    tail.signal('SIGINT');
    expect((await tail.exit).code).toBe(130);
    expect(labels(tail.lines())).toEqual(['z', 'next']);
  }, 30_000);

  it('an activity reaching the log late, older than the last one printed but inside the 30 s window, is printed once', async () => {
    const t = nowMicros();
    await appendActivities(emu, [output('TrLATE', 'first', t)]);
    const tail = tailing('TrLATE', ['--idle', '0']);
    await tail.waitForLines(1);
    await appendActivities(emu, [output('TrLATE', 'second', t + 1_000_000)]);
    await tail.waitForLines(2);
    // Created before "second" was printed, but written to the log only now; one beyond the window too.
    await appendActivities(emu, [output('TrLATE', 'late', t + 500_000), output('TrLATE', 'too late', t + 1_000_000 - 31_000_000)]);
    await tail.waitForLines(3);
    await new Promise((r) => setTimeout(r, 800));
    tail.signal('SIGINT');
    expect((await tail.exit).code).toBe(130);
    expect(labels(tail.lines())).toEqual(['first', 'second', 'late']);
  }, 30_000);

  it('--idle ends the tail when nothing new arrives', async () => {
    const tail = tailing('TrIDLE', ['--idle', '0.02']);
    const exit = await tail.exit;
    expect(exit.code).toBe(0);
    expect(tail.lines()).toEqual([]);
    expect(tail.stderr()).toBe('No new activity for 1.2 s; stopping.\n');
  });
});
