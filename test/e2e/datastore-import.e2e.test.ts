import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnRosi } from '../helpers/activity-e2e.js';
import { datastoreManifest } from '../helpers/datastore.js';
import { control, runRosi, SEEDED_APP as APP, startSeededEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { loginSplit } from './login-helpers.js';

let emu: EmulatorHandle;
let home: string;
let cleanup: () => void;

// "things" holds every attribute type; each test imports into a datastore of that shape, then reads it back.
const NAMES = ['resume', 'changed', 'json', 'again', 'big', 'dups', 'deep', 'progress'];
beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  const manifest = datastoreManifest() as { datastores: Record<string, unknown> };
  for (const n of NAMES) manifest.datastores[n] = manifest.datastores.things;
  emu = await startSeededEmulator(home, manifest);
  await loginSplit(emu, home);
}, 60_000);
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});

const importing = (args: string[]) => runRosi(['datastore', 'import', ...args, '--app', APP], { home, timeoutMs: 90_000 });
const contents = async (datastore: string) =>
  (await control<{ items: Record<string, unknown>[] }>(emu, `datastore?app_id=${APP}&datastore=${datastore}`)).items;
const bulkPuts = async () => (await control<{ count: number }>(emu, 'calls?method=apps.datastore.bulkPut')).count;
/** Waits until a running import has stored a few batches, so that Ctrl-C lands midway. */
const someStored = async (datastore: string) => {
  for (let i = 0; i < 200 && (await contents(datastore)).length < 100; i++) await new Promise((r) => setTimeout(r, 100));
};
const failures = (path: string) =>
  readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { line: number; reason: string; item: unknown });
const file = (name: string, lines: string[]) => {
  const path = join(home, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};
const rows = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => JSON.stringify({ id: `${prefix}${String(i).padStart(5, '0')}`, n: i }));

describe('rosi datastore import against the emulator', () => {
  it('Ctrl-C says how many lines are stored and prints the --resume command, which finishes the import', async () => {
    const input = file('resume.jsonl', rows(3000, 'r'));
    await control(emu, 'faults', { spec: 'datastore:latency=150' });
    try {
      const run = spawnRosi(['datastore', 'import', 'resume', input, '--app', APP], { home });
      await someStored('resume');
      run.signal('SIGINT');
      expect((await run.exit).code).toBe(130);
      const m = /Import interrupted: lines 1–(\d+) are done \((\d+) items stored\) \(cancelled\)\n {2}Hint: Continue from line (\d+) with `(.+)`\.\n/.exec(
        run.stderr(),
      );
      expect(m, run.stderr()).not.toBeNull();
      const [, line, stored, next, command] = m as unknown as [string, string, string, string, string];
      expect(Number(line)).toBeGreaterThan(0);
      expect(Number(line)).toBeLessThan(3000);
      expect(stored).toBe(line);
      expect(Number(next)).toBe(Number(line) + 1);
      expect(command).toBe(`rosi datastore import resume ${input} --resume --app ${APP}`);
      expect(run.stderr()).not.toMatch(/\n\s+at /);
      // Calls cut short by Ctrl-C may still have been stored: never fewer than reported.
      expect((await contents('resume')).length).toBeGreaterThanOrEqual(Number(stored));

      await control(emu, 'faults', { spec: '' });
      const resumed = await runRosi(command.split(' ').slice(1), { home, timeoutMs: 90_000 });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toContain(`Resuming after line ${line}`);
      expect(resumed.stderr).toContain('stored 3000, failed 0');
      expect(await contents('resume')).toHaveLength(3000);
    } finally {
      await control(emu, 'faults', { spec: '' });
    }
  }, 120_000);

  it('--resume refuses a checkpoint when the file changed in the part already imported, or the target differs', async () => {
    const original = rows(3000, 'c');
    const input = file('changed.jsonl', original);
    await control(emu, 'faults', { spec: 'datastore:latency=150' });
    let done = '';
    try {
      const run = spawnRosi(['datastore', 'import', 'changed', input, '--app', APP], { home });
      await someStored('changed');
      run.signal('SIGINT');
      expect((await run.exit).code).toBe(130);
      done = /lines 1–(\d+) are done/.exec(run.stderr())?.[1] ?? '';
    } finally {
      await control(emu, 'faults', { spec: '' });
    }
    expect(Number(done)).toBeGreaterThan(0);
    const stored = (await contents('changed')).length;

    file('changed.jsonl', [JSON.stringify({ id: 'new first line' }), ...original]);
    const changed = await importing(['changed', input, '--resume']);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(
      new RegExp(
        `✗ ${input} has changed since the checkpoint was written: its first \\d+ bytes \\(lines 1–${done}\\) are not the ones already imported \\(checkpoint_mismatch\\)\\n  Hint: Start over with \`rosi datastore import changed ${input} --app ${APP}\`\\.\\n`,
      ),
    );

    file('changed.jsonl', original);
    const elsewhere = await importing(['json', input, '--primary-key', 'id', '--resume']);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain(`belongs to an import into datastore changed of app ${APP} with primary key "id", not into datastore json`);
    expect((await contents('changed')).length).toBe(stored);
  }, 120_000);

  it('--json with a partial failure: stdout is the summary, stderr holds JSON lines only', async () => {
    const input = file('json.jsonl', [...rows(3000, 'j'), 'not json']);
    const r = await importing(['json', input, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ datastore: 'json', stored: 3000, failed: 1, skipped: 0, failures_file: `${input}.failed.jsonl` });
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ error: { code: 'partial_failure' } });
  }, 60_000);

  it('the failures file imports again as it is: items as objects in input order, the reasons ignored', async () => {
    const input = file('again.jsonl', [...rows(40, 'a'), '{"id":"w1","n":"not a number"}', 'not json', ...rows(20, 'b')]);
    // Every attempt at every item fails (4 attempts of 60 items), so their lines come back.
    await control(emu, 'datastore/fail-items', { count: 240 });
    const first = await importing(['again', input, '--primary-key', 'id']);
    await control(emu, 'datastore/fail-items', { count: 0 });
    expect(first.code).toBe(1);
    const failed = failures(`${input}.failed.jsonl`);
    expect(failed.map((f) => f.line)).toEqual([...failed.map((f) => f.line)].sort((a, b) => a - b));
    expect(failed.find((f) => f.line === 41)).toMatchObject({ item: { id: 'w1', n: 'not a number' } });
    expect(failed.find((f) => f.line === 42)).toEqual({ line: 42, reason: 'not valid JSON', item: 'not json' });
    expect(failed).toHaveLength(62);

    // Fixed where it needs fixing, and fed back.
    const fixed = readFileSync(`${input}.failed.jsonl`, 'utf8').replace('"not a number"', '41').replace('"not json"', '"{\\"id\\":\\"t1\\"}"');
    writeFileSync(`${input}.failed.jsonl`, fixed);
    const retry = `rosi datastore import again ${input}.failed.jsonl --primary-key id --app ${APP}`;
    expect(first.stderr).toContain(`then store them with \`${retry}\`.\n`);
    const again = await runRosi(retry.split(' ').slice(1), { home, timeoutMs: 60_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`stored ${failed.length}, failed 0`);
    const items = await contents('again');
    expect(items).toHaveLength(62);
    expect(items.find((i) => i.id === 'w1')).toEqual({ id: 'w1', n: 41 });
    expect(items.every((i) => !('reason' in i) && !('line' in i))).toBe(true);
  }, 60_000);

  it('a line over the 400 KB item limit goes to the failures file; large items are sent in calls cut by bytes', async () => {
    const huge = Array.from({ length: 26 }, (_, i) => JSON.stringify({ id: `h${i}`, name: 'x'.repeat(700 * 1024) }));
    const input = file('big.jsonl', [...huge, ...rows(4, 'g')]);
    const r = await importing(['big', input, '--primary-key', 'id']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stored 4, failed 26');
    const failed = failures(`${input}.failed.jsonl`);
    expect(failed.map((f) => f.line)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(failed[0]!.reason).toMatch(/^item_too_large: \d+ bytes as JSON, over the 400 KB item limit$/);

    // 25 items of 390 KB: about 10 MB, more than one call should carry.
    const large = file(
      'large.jsonl',
      Array.from({ length: 25 }, (_, i) => JSON.stringify({ id: `l${i}`, name: 'y'.repeat(390 * 1024) })),
    );
    const before = await bulkPuts();
    const ok = await importing(['big', large, '--primary-key', 'id']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(await bulkPuts()).toBe(before + 2);
    expect((await contents('big')).filter((i) => String(i.id).startsWith('l'))).toHaveLength(25);
  }, 90_000);

  it('the same key on several lines, in one batch or in batches in flight together: the last line wins', async () => {
    const lines = rows(300, 'd');
    for (const at of [0, 9, 30, 120, 299]) lines[at] = JSON.stringify({ id: 'dup', n: at + 1 });
    const input = file('dups.jsonl', lines);
    const r = await importing(['dups', input, '--primary-key', 'id']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('stored 300, failed 0');
    const items = await contents('dups');
    expect(items).toHaveLength(296);
    expect(items.find((i) => i.id === 'dup')).toEqual({ id: 'dup', n: 300 });
  }, 60_000);

  it('a line nested thousands of levels deep goes to the failures file with a clear reason, no crash', async () => {
    const deep = `{"id":"deep","meta":{"v":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
    const input = file('deep.jsonl', [...rows(3, 'n'), deep, ...rows(2, 'm')]);
    const r = await importing(['deep', input, '--primary-key', 'id']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stored 5, failed 1');
    expect(r.stderr).not.toContain('Maximum call stack');
    expect(failures(`${input}.failed.jsonl`)).toEqual([{ line: 4, reason: 'nested more than 64 levels deep', item: deep }]);
  }, 60_000);

  it('without a terminal, progress is a line per quarter of the file, not per thousand items', async () => {
    const input = file('progress.jsonl', rows(8000, 'p'));
    const started = Date.now();
    const r = await importing(['progress', input, '--primary-key', 'id']);
    const seconds = (Date.now() - started) / 1000;
    expect(r.code, r.stderr).toBe(0);
    const progress = r.stderr.split('\n').filter((l) => l.startsWith('Importing into progress'));
    // The quarters, the total, and on a slow machine a line per 10 s.
    expect(progress.length).toBeLessThanOrEqual(4 + Math.floor(seconds / 10));
    expect(progress.filter((l) => /^Importing into progress: (25|50|75)%, \d+ items/.test(l)).length).toBeGreaterThanOrEqual(1);
    expect(progress.slice(0, -1).every((l) => /^Importing into progress: \d+%, \d+ items, \d+ items\/s/.test(l))).toBe(true);
    expect(progress.at(-1)).toMatch(/^Importing into progress: 8000 items in all, \d+ items\/s$/);
  }, 60_000);
});
