import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, renameSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnRosi } from '../helpers/activity-e2e.js';
import { datastoreManifest } from '../helpers/datastore.js';
import { baseEnv, BIN, control, runRosi, SEEDED_APP as APP, startSeededEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { loginSplit } from './login-helpers.js';

let emu: EmulatorHandle;
let home: string;
let cleanup: () => void;
let full: string;
const N = 5000;

// 5,000 items in "things" (five export pages); "tasks" stays empty.
beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  emu = await startSeededEmulator(home, datastoreManifest());
  await loginSplit(emu, home);
  const source = join(home, 'source.jsonl');
  writeFileSync(source, Array.from({ length: N }, (_, i) => `${JSON.stringify({ id: `t${String(i).padStart(5, '0')}`, n: i % 7 })}\n`).join(''));
  const filled = await ds(['import', 'things', source, '--primary-key', 'id']);
  expect(filled.code, filled.stderr).toBe(0);
  full = join(home, 'full.jsonl');
  const r = await ds(['export', 'things', '-o', full]);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});

function ds(args: string[]) {
  return runRosi(['datastore', ...args, '--app', APP], { home, timeoutMs: 60_000 });
}

let runs = 0;
/** An export of "things" stopped with Ctrl-C after its first page: the file and its checkpoint. */
async function interrupted(extra: string[] = []): Promise<{ file: string; checkpoint: { lines: number; bytes: number } }> {
  const file = join(home, `part-${++runs}.jsonl`);
  await control(emu, 'faults', { spec: 'datastore:latency=400ms' });
  try {
    const live = spawnRosi(['datastore', 'export', 'things', '-o', file, '--app', APP, ...extra], { home });
    const deadline = Date.now() + 20_000;
    while (!(existsSync(file) && statSync(file).size > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    live.signal('SIGINT');
    expect((await live.exit).code).toBe(130);
  } finally {
    await control(emu, 'faults', { spec: '' });
  }
  const checkpoint = JSON.parse(readFileSync(`${file}.checkpoint`, 'utf8')) as { lines: number; bytes: number };
  expect(checkpoint.lines).toBeGreaterThan(0);
  expect(checkpoint.lines).toBeLessThan(N);
  return { file, checkpoint };
}

/** Runs a hint's command as a shell would, with `rosi` the built CLI. */
function runHint(command: string): Promise<{ code: number; stderr: string }> {
  const script = `rosi() { "${process.execPath}" "${BIN}" "$@"; }; ${command}`;
  return new Promise((resolve) => {
    execFile('sh', ['-c', script], { cwd: home, env: baseEnv(home) }, (e, _out, stderr) => resolve({ code: e ? Number(e.code) : 0, stderr }));
  });
}

const hintCommands = (stderr: string) => [...stderr.matchAll(/`(rosi [^`]+)`/g)].map((m) => m[1] as string);

describe('rosi datastore export --resume checks that the checkpoint still describes the export', () => {
  it('resumes an interrupted export into exactly the file a single run writes', async () => {
    const { file, checkpoint } = await interrupted();
    const r = await ds(['export', 'things', '-o', file, '--resume']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Resuming after ${checkpoint.lines} items`);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(full, 'utf8'));
    expect(existsSync(`${file}.checkpoint`)).toBe(false);
  }, 60_000);

  it('a file cut short by hand is refused: no NUL padding, no count of items that are not there', async () => {
    const { file, checkpoint } = await interrupted();
    truncateSync(file, checkpoint.bytes - 10);
    const r = await ds(['export', 'things', '-o', file, '--resume']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `✗ ${file} has ${checkpoint.bytes - 10} bytes, fewer than the ${checkpoint.bytes} that ${file}.checkpoint counts: it was cut short since (checkpoint_mismatch)`,
    );
    expect(readFileSync(file).includes(0)).toBe(false);
    expect(statSync(file).size).toBe(checkpoint.bytes - 10);
    // The hint starts over, and does.
    const [startOver] = hintCommands(r.stderr);
    expect(startOver).toBe(`rosi datastore export things -o ${file} --app ${APP}`);
    expect((await runHint(startOver!)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(full, 'utf8'));
  }, 60_000);

  it('a file edited by hand (same length) or replaced by a copy is refused', async () => {
    const { file, checkpoint } = await interrupted();
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"n":3', '"n":4'));
    const edited = await ds(['export', 'things', '-o', file, '--resume']);
    expect(edited.code).toBe(2);
    expect(edited.stderr).toContain(`The first ${checkpoint.bytes} bytes of ${file} are not the ones exported: it was edited since`);

    // A copy renamed over it: the bytes are right, the file is another one.
    writeFileSync(file, text);
    copyFileSync(file, `${file}.copy`);
    renameSync(`${file}.copy`, file);
    const replaced = await ds(['export', 'things', '-o', file, '--resume']);
    expect(replaced.code).toBe(2);
    expect(replaced.stderr).toContain(`${file} is not the file ${file}.checkpoint was written for: it was replaced since`);
  }, 60_000);

  it('another --where or another datastore is refused, and the hint resumes the original export as printed', async () => {
    const where = 'n <> 3';
    const { file } = await interrupted(['--where', where]);
    const other = await ds(['export', 'things', '-o', file, '--where', 'n = 3', '--resume']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(
      `✗ ${file}.checkpoint belongs to an export of datastore things --where 'n <> 3', not of datastore things --where 'n = 3' (checkpoint_mismatch)`,
    );

    const none = await ds(['export', 'things', '-o', file, '--resume']);
    expect(none.stderr).toContain(`belongs to an export of datastore things --where 'n <> 3', not of datastore things (every item)`);
    const tasks = await ds(['export', 'tasks', '-o', file, '--resume']);
    expect(tasks.code).toBe(2);
    expect(tasks.stderr).toContain(`belongs to an export of datastore things --where 'n <> 3', not of datastore tasks (every item)`);

    const [resume] = hintCommands(tasks.stderr);
    expect(resume).toBe(`rosi datastore export things -o ${file} --where 'n <> 3' --resume --app ${APP}`);
    const resumed = await runHint(resume!);
    expect(resumed.code, resumed.stderr).toBe(0);
    const expected = readFileSync(full, 'utf8')
      .split('\n')
      .filter((l) => l && !l.includes('"n":3'))
      .map((l) => `${l}\n`)
      .join('');
    expect(readFileSync(file, 'utf8')).toBe(expected);
  }, 60_000);
});
