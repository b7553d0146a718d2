import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { baseEnv, BIN, control, freshHomes, runRosi, SEEDED_APP } from '../helpers/e2e.js';

// The state flags of `rosi emulator start`: --seed, --import, --export-on-exit, --ephemeral; and what a kill in
// the middle of writing a snapshot leaves (the file as it was).

const home = freshHomes();

const MANIFEST = {
  _metadata: { major_version: 2 },
  display_information: { name: 'seeded' },
  settings: { function_runtime: 'slack' },
  oauth_config: { scopes: { bot: ['datastore:read', 'datastore:write'] } },
  datastores: {
    tasks: { primary_key: 'id', attributes: { id: { type: 'string' }, title: { type: 'string' }, done: { type: 'boolean' } } },
    notes: { primary_key: 'id', attributes: { id: { type: 'string' }, text: { type: 'string' } } },
  },
};

interface Emulator {
  url: string;
  child: ChildProcess;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: ChildProcess[] = [];
afterEach(() => {
  for (const c of started.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** `rosi emulator --port 0 --json …` in `h`, with `env` added; resolves with its URL once it listens, or with how it ended. */
function launch(h: string, args: string[], env: Record<string, string> = {}): Promise<Emulator | { code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--json', ...args], {
    cwd: h,
    env: baseEnv(h, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('close', (code, signal) => done({ code, signal })));
  return new Promise((resolve) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve({ url: (JSON.parse(line) as { url: string }).url, child, stderr: () => stderr, exited }));
    void exited.then(({ code }) => resolve({ code, stderr }));
  });
}
async function running(h: string, args: string[], env: Record<string, string> = {}): Promise<Emulator> {
  const e = await launch(h, args, env);
  if (!('url' in e)) throw new Error(`the emulator exited with ${e.code}: ${e.stderr}`);
  return e;
}
async function refused(h: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  const e = await launch(h, args);
  if ('url' in e) throw new Error(`the emulator started: ${args.join(' ')}`);
  expect(e.stderr).not.toMatch(/\n\s+at /);
  // With --json the error is JSON on stderr too: its message and hint, as a person reads them.
  const { error } = JSON.parse(e.stderr.trim().split('\n').at(-1) ?? '{}') as { error: { message: string; hint?: string } };
  return { code: e.code, stderr: `${error.message}\n${error.hint ?? ''}` };
}

function project(h: string, seed?: Record<string, string>): { manifest: string; seed: string } {
  const manifest = join(h, 'manifest.json');
  writeFileSync(manifest, JSON.stringify(MANIFEST));
  const dir = join(h, 'seed');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(seed ?? {})) writeFileSync(join(dir, name), text);
  return { manifest, seed: dir };
}
const jsonl = (items: unknown[]) => items.map((i) => JSON.stringify(i)).join('\n') + '\n';
/** Enough items that writing the snapshot takes a while. */
const many = (n: number) => jsonl(Array.from({ length: n }, (_, i) => ({ id: `t${i}`, title: `task ${i} ${'x'.repeat(400)}`, done: i % 2 === 0 })));

async function items(emu: Emulator, datastore: string): Promise<unknown[]> {
  return (await control<{ items: unknown[] }>(emu, `datastore?app_id=${SEEDED_APP}&datastore=${datastore}`)).items;
}

/** Resolves once a file whose name starts with `prefix` appears in `dir` (the moment it is created). */
function appears(dir: string, prefix: string): Promise<string> {
  return new Promise((resolve) => {
    const watcher = watch(dir, (_event, name) => {
      if (name?.startsWith(prefix)) {
        watcher.close();
        resolve(name);
      }
    });
  });
}

describe('--seed', () => {
  it('fills the --manifest app’s datastores from <datastore>.jsonl files, and ignores other files', async () => {
    const h = home();
    const p = project(h, {
      'tasks.jsonl': jsonl([
        { id: 't1', title: 'one', done: false },
        { id: 't2', title: 'two', done: true },
      ]),
      'notes.jsonl': jsonl([{ id: 'n1', text: 'hello' }]),
      'README.txt': 'not a datastore',
    });
    const emu = await running(h, ['--ephemeral', '--control', '--manifest', p.manifest, '--seed', p.seed]);
    expect(await items(emu, 'tasks')).toEqual([
      { id: 't1', title: 'one', done: false },
      { id: 't2', title: 'two', done: true },
    ]);
    expect(await items(emu, 'notes')).toEqual([{ id: 'n1', text: 'hello' }]);
    expect(emu.stderr()).toContain(`Seeded ${SEEDED_APP}’s datastores from ${p.seed}: notes (1), tasks (2)`);
  });

  it('a bad line stops the start naming file:line; a file named after no datastore names the app’s datastores; no --manifest names it', async () => {
    const h = home();
    const p = project(h, { 'tasks.jsonl': `${JSON.stringify({ id: 't1', done: false })}\n{"id": "t2", "done": "yes"}\n` });
    const bad = await refused(h, ['--ephemeral', '--manifest', p.manifest, '--seed', p.seed]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`Cannot seed from ${join(p.seed, 'tasks.jsonl')}:2: invalid_attribute_type: Attribute "done" must be of type boolean`);

    writeFileSync(join(p.seed, 'tasks.jsonl'), jsonl([{ id: 't1' }]));
    writeFileSync(join(p.seed, 'people.jsonl'), jsonl([{ id: 'p1' }]));
    const unknown = await refused(h, ['--ephemeral', '--manifest', p.manifest, '--seed', p.seed]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`app ${SEEDED_APP} has no datastore "people"`);
    expect(unknown.stderr).toContain('Its datastores: tasks, notes.');

    const alone = await refused(h, ['--ephemeral', '--seed', p.seed]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--seed needs --manifest <file>');
  });
});

describe('--import and corrupt snapshots', () => {
  it('refuses a flipped byte, a cut-short file and a newer format, naming the file, at --import and at snapshot load (exit 2)', async () => {
    const h = home();
    const p = project(h, { 'tasks.jsonl': jsonl([{ id: 't1', title: 'one' }]) });
    const good = join(h, 'good.snapshot');
    const emu = await running(h, ['--ephemeral', '--control', '--manifest', p.manifest, '--seed', p.seed, '--export-on-exit', good]);
    emu.child.kill('SIGTERM');
    expect((await emu.exited).code).toBe(130);
    const bytes = readFileSync(good);
    const flipped = Buffer.from(bytes);
    const middle = Math.floor(bytes.length / 2);
    flipped[middle] = (flipped[middle] ?? 0) ^ 0xff;
    const cases: [string, Buffer, string][] = [
      ['flipped.snapshot', flipped, 'its checksum does not match its contents'],
      ['short.snapshot', bytes.subarray(0, bytes.length - 1000), 'it does not end with its checksum'],
      [
        'newer.snapshot',
        Buffer.concat([Buffer.from('rosi-emulator-snapshot 2\n'), bytes.subarray(bytes.indexOf(10) + 1)]),
        'it was written by a newer rosi (snapshot format 2',
      ],
    ];
    const target = await running(h, ['--ephemeral', '--control', '--manifest', p.manifest]);
    for (const [name, content, why] of cases) {
      const file = join(h, name);
      writeFileSync(file, content);
      const atStart = await refused(h, ['--ephemeral', '--import', name]);
      expect(atStart.code, name).toBe(2);
      expect(atStart.stderr, name).toContain(`Cannot load the snapshot ${file}: ${why}`);
      const load = await runRosi(['emulator', 'snapshot', 'load', name, '--apihost', target.url], { home: h });
      expect(load.code, name).toBe(2);
      expect(load.stderr, name).toContain(`Cannot load the snapshot ${file}: ${why}`);
    }
    // Nothing reached the running emulator.
    expect(await items(target, 'tasks')).toEqual([]);
    const ok = await runRosi(['emulator', 'snapshot', 'load', 'good.snapshot', '--apihost', target.url], { home: h });
    expect(ok.code, ok.stderr).toBe(0);
    expect(await items(target, 'tasks')).toEqual([{ id: 't1', title: 'one' }]);
  });

  it('does not import over a data folder that holds a state, and says what to do instead', async () => {
    const h = home();
    const dataDir = join(h, 'data');
    const first = await running(h, ['--data-dir', dataDir, '--export-on-exit', 'kept.snapshot']);
    first.child.kill('SIGTERM');
    await first.exited;
    const again = await refused(h, ['--data-dir', dataDir, '--import', 'kept.snapshot']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`--import kept.snapshot would replace the state in ${dataDir}`);
    expect(again.stderr).toContain('rosi emulator start --ephemeral --import kept.snapshot --port 0.');
    expect(again.stderr).toContain(
      `(rosi emulator start --data-dir ${dataDir} --port 0), then run rosi emulator snapshot load kept.snapshot --apihost <the URL it prints>`,
    );
    // The first way, as printed.
    const alone = await running(h, ['--ephemeral', '--import', 'kept.snapshot']);
    alone.child.kill('SIGTERM');
    expect((await alone.exited).code).toBe(130);
    const fresh = await running(h, ['--data-dir', join(h, 'new'), '--import', 'kept.snapshot']);
    fresh.child.kill('SIGTERM');
    expect((await fresh.exited).code).toBe(130);
  });
});

describe('--export-on-exit', () => {
  it('killed while it writes, it leaves the previous snapshot byte for byte; the next export still replaces it', async () => {
    const h = home();
    const p = project(h, { 'tasks.jsonl': many(30_000) });
    const file = join(h, 'state.snapshot');
    const small = await running(h, ['--ephemeral', '--manifest', p.manifest, '--export-on-exit', file]);
    small.child.kill('SIGTERM');
    expect((await small.exited).code).toBe(130);
    const previous = readFileSync(file);

    const big = await running(h, ['--ephemeral', '--manifest', p.manifest, '--seed', p.seed, '--export-on-exit', file]);
    const partial = appears(h, '.state.snapshot.');
    big.child.kill('SIGTERM');
    await partial;
    big.child.kill('SIGKILL');
    expect((await big.exited).signal).toBe('SIGKILL');
    expect(readFileSync(file).equals(previous)).toBe(true);

    const next = await running(h, ['--ephemeral', '--manifest', p.manifest, '--seed', p.seed, '--export-on-exit', file]);
    next.child.kill('SIGTERM');
    expect((await next.exited).code, next.stderr()).toBe(130);
    expect(readFileSync(file).length).toBeGreaterThan(previous.length * 10);
    expect(next.stderr()).toMatch(new RegExp(`Exported the emulator’s state to ${file} \\(\\d+ bytes\\)`));
  }, 120_000);

  it('an export that cannot be written exits 1 naming the file, and says the in-memory state is lost', async () => {
    const h = home();
    const emu = await running(h, ['--ephemeral', '--export-on-exit', join(h, 'no-such-folder', 'x.snapshot')]);
    emu.child.kill('SIGTERM');
    expect((await emu.exited).code).toBe(1);
    expect(emu.stderr()).toContain(`Could not export the emulator’s state to ${join(h, 'no-such-folder', 'x.snapshot')}: no such file`);
    expect(emu.stderr()).toContain('kept its state in memory, so that state is lost');
    expect(emu.stderr()).not.toMatch(/\n\s+at /);
  });

  it('a save cut short by the emulator’s end leaves the previous file as it was', async () => {
    const h = home();
    const p = project(h, { 'tasks.jsonl': many(30_000) });
    const emu = await running(h, ['--ephemeral', '--manifest', p.manifest, '--seed', p.seed]);
    const file = join(h, 'saved.snapshot');
    writeFileSync(file, 'the previous snapshot');
    const partial = appears(h, '.saved.snapshot.');
    const save = runRosi(['emulator', 'snapshot', 'save', file, '--apihost', emu.url], { home: h });
    await partial;
    emu.child.kill('SIGKILL');
    const r = await save;
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file, 'utf8')).toBe('the previous snapshot');
    expect(readdirSync(h).filter((n) => n.startsWith('.saved.snapshot.'))).toEqual([]);
  }, 120_000);
});

describe('--ephemeral', () => {
  it('leaves nothing behind: after a stop, the temporary folder it was given is empty', async () => {
    const h = home();
    const tmp = join(h, 'tmp');
    mkdirSync(tmp);
    const p = project(h, { 'tasks.jsonl': jsonl([{ id: 't1' }]) });
    const emu = await running(h, ['--ephemeral', '--control', '--manifest', p.manifest, '--seed', p.seed], { TMPDIR: tmp });
    expect(readdirSync(tmp).length).toBeGreaterThan(0);
    // A snapshot taken meanwhile uses the temporary folder too.
    const saved = await runRosi(['emulator', 'snapshot', 'save', join(h, 's.snapshot'), '--apihost', emu.url], { home: h });
    expect(saved.code, saved.stderr).toBe(0);
    emu.child.kill('SIGTERM');
    expect((await emu.exited).code).toBe(130);
    expect(readdirSync(tmp)).toEqual([]);
    expect(existsSync(join(h, '.local', 'share', 'rosi'))).toBe(false);
  });

  it('cannot be given with --data-dir', async () => {
    const h = home();
    const r = await refused(h, ['--ephemeral', '--data-dir', join(h, 'd')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--data-dir and --ephemeral cannot be used together');
  });
});
