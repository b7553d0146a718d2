import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datastoreManifest } from '../helpers/datastore.js';
import { control, runRosi, SEEDED_APP as APP, startSeededEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { loginSplit } from './login-helpers.js';

let emu: EmulatorHandle;
let home: string;
let cleanup: () => void;

// The seeded app has two datastores of the same shape: "things" to fill and export, "copy" to import into.
beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  const manifest = datastoreManifest() as { datastores: Record<string, unknown> };
  manifest.datastores.copy = manifest.datastores.things;
  emu = await startSeededEmulator(home, manifest);
  await loginSplit(emu, home);
}, 60_000);
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});

const ds = (args: string[]) => runRosi(['datastore', ...args, '--app', APP], { home, timeoutMs: 60_000 });
const contents = async (datastore: string) => {
  const r = await control<{ items: { id: string }[] }>(emu, `datastore?app_id=${APP}&datastore=${datastore}`);
  return [...r.items].sort((a, b) => a.id.localeCompare(b.id));
};

describe('rosi datastore export and import against the emulator', () => {
  it('import, export, import into an empty datastore: the copy is exact', async () => {
    const n = 3000;
    const source = join(home, 'source.jsonl');
    const lines = Array.from({ length: n }, (_, i) =>
      JSON.stringify({ id: `t${String(i).padStart(5, '0')}`, name: `thing ${i} “ü”`, n: i / 4, flag: i % 3 === 0, tags: [String(i)], meta: { i } }),
    );
    writeFileSync(source, `${lines.join('\n')}\n\n`);

    const filled = await ds(['import', 'things', source, '--primary-key', 'id', '--json']);
    expect(filled.code, filled.stderr).toBe(0);
    expect(JSON.parse(filled.stdout)).toEqual({ datastore: 'things', stored: n, failed: 0, skipped: 1, failures_file: null });

    const out = join(home, 'things.jsonl');
    const exported = await ds(['export', 'things', '-o', out]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(n);
    expect(exported.stderr).toContain(`Exported ${n} items`);

    // No --primary-key: it comes from the app's manifest.
    const copied = await ds(['import', 'copy', out]);
    expect(copied.code, copied.stderr).toBe(0);
    expect(copied.stderr).toContain(`stored ${n}, failed 0`);

    const before = await contents('things');
    expect(before).toHaveLength(n);
    expect(await contents('copy')).toEqual(before);
  }, 120_000);

  it('export to stdout matches the file; failed_items are resent; bad lines land in the failures file', async () => {
    const stdout = await ds(['export', 'things']);
    expect(stdout.code, stdout.stderr).toBe(0);
    expect(stdout.stdout).toBe(readFileSync(join(home, 'things.jsonl'), 'utf8'));

    await control(emu, 'datastore/fail-items', { count: 3 });
    const input = join(home, 'mixed.jsonl');
    writeFileSync(input, ['{"id": "m1", "name": "ok"}', 'not json', '{"name": "no key"}', '{"id": "m2", "n": "not a number"}', '{"id": "m3"}'].join('\n'));
    const r = await ds(['import', 'copy', input, '--primary-key', 'id']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stored 2, failed 3');
    expect(r.stderr).toContain(`${input}.failed.jsonl`);
    const failures = readFileSync(`${input}.failed.jsonl`, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number });
    expect(failures.map((f) => f.line)).toEqual([2, 3, 4]);
    expect((await contents('copy')).filter((i) => i.id.startsWith('m')).map((i) => i.id)).toEqual(['m1', 'm3']);
  }, 60_000);

  it('import - streams stdin; a bad line goes to datastore-import-<time>.failed.jsonl in the current folder', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => JSON.stringify({ id: `s${String(i).padStart(3, '0')}`, n: i }));
    const cwd = join(home, 'stdin-run');
    mkdirSync(cwd);
    const r = await runRosi(['datastore', 'import', 'copy', '-', '--app', APP, '--primary-key', 'id'], {
      home,
      cwd,
      input: `${lines.join('\n')}\nnot json\n`,
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stored 500, failed 1');
    const [failed, ...others] = readdirSync(cwd);
    expect(others).toEqual([]);
    expect(failed).toMatch(/^datastore-import-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.failed\.jsonl$/);
    expect(JSON.parse(readFileSync(join(cwd, failed!), 'utf8'))).toEqual({ line: 501, reason: 'not valid JSON', item: 'not json' });
    expect((await contents('copy')).filter((i) => i.id.startsWith('s'))).toHaveLength(500);
  }, 60_000);

  it('inside the project, the primary key comes from manifest.json: no apps.manifest.export call', async () => {
    const project = join(home, 'project');
    mkdirSync(join(project, '.slack'), { recursive: true });
    writeFileSync(join(project, '.slack', 'hooks.json'), '{"hooks": {}}');
    writeFileSync(
      join(project, '.slack', 'apps.json'),
      JSON.stringify({ apps: { [emu.teamId]: { app_id: APP, team_id: emu.teamId, team_domain: 'emulator' } } }),
    );
    const manifest = datastoreManifest() as { datastores: Record<string, unknown> };
    manifest.datastores.copy = manifest.datastores.things;
    writeFileSync(join(project, 'manifest.json'), JSON.stringify(manifest));
    const file = join(project, 'p.jsonl');
    writeFileSync(file, ['{"id": "p1"}', '{"id": "p2"}'].join('\n'));
    const exports = async () => (await control<{ count: number }>(emu, 'calls?method=apps.manifest.export')).count;
    const before = await exports();
    const r = await runRosi(['datastore', 'import', 'copy', file], { home, cwd: project, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('stored 2, failed 0');
    expect(await exports()).toBe(before);
  }, 60_000);
});
