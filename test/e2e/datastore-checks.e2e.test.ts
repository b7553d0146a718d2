import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datastoreManifest } from '../helpers/datastore.js';
import { baseEnv, BIN, control, runRosi, SEEDED_APP as APP, startSeededEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { loginSplit } from './login-helpers.js';

let emu: EmulatorHandle;
let home: string;
let project: string;
let cleanup: () => void;

// A project whose manifest.json declares the seeded app's datastores ("things", "tasks"), so rosi knows them.
beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  emu = await startSeededEmulator(home, datastoreManifest());
  await loginSplit(emu, home);
  project = join(home, 'project');
  mkdirSync(join(project, '.slack'), { recursive: true });
  writeFileSync(join(project, '.slack', 'hooks.json'), '{"hooks": {}}');
  writeFileSync(
    join(project, '.slack', 'apps.json'),
    JSON.stringify({ apps: { [emu.teamId]: { app_id: APP, team_id: emu.teamId, team_domain: 'emulator' } } }),
  );
  writeFileSync(join(project, 'manifest.json'), JSON.stringify(datastoreManifest()));
}, 60_000);
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});

const inProject = (args: string[]) => runRosi(['datastore', ...args], { home, cwd: project });
const outside = (args: string[]) => runRosi(['datastore', ...args, '--app', APP], { home });
const datastoreCalls = async () => {
  let n = 0;
  for (const m of ['query', 'count', 'put', 'get']) n += (await control<{ count: number }>(emu, `calls?method=apps.datastore.${m}`)).count;
  return n;
};

/** The commands a hint offers, in order. */
const hintCommands = (stderr: string) => [...stderr.matchAll(/`(rosi [^`]+)`/g)].map((m) => m[1] as string);

/** Runs a hint's command as a shell would, with `rosi` the built CLI. */
function runHint(command: string, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = `rosi() { "${process.execPath}" "${BIN}" "$@"; }; ${command}`;
  return new Promise((resolve) => {
    execFile('sh', ['-c', script], { cwd, env: baseEnv(home) }, (e, stdout, stderr) => resolve({ code: e ? Number(e.code) : 0, stdout, stderr }));
  });
}

describe('--where is checked against what rosi knows before anything is sent', () => {
  it('an attribute manifest.json does not declare exits 2 naming the known ones; the hint fixes it or sends it anyway', async () => {
    await inProject(['put', '--datastore', 'things', '--item', '{"id": "w1", "owner": "ana"}']);
    const before = await datastoreCalls();
    const r = await inProject(['query', '--datastore', 'things', '--where', 'ownr = "ana"', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr)).toEqual({
      error: {
        code: 'invalid_where',
        message: 'Invalid --where at column 1: datastore things has no attribute "ownr" (did you mean owner?)',
        details: ['ownr = "ana"', '^'],
        hint:
          'Its attributes (manifest.json): id, name, n, count, flag, tags, meta, status, owner, misc, a.b, blob. ' +
          'Did you mean `rosi datastore query --datastore things --where \'owner = "ana"\' --json`? ' +
          'To send it as it is: `rosi datastore query --datastore things --where \'ownr = "ana"\' --json --no-check`.',
      },
    });
    expect(await datastoreCalls()).toBe(before);

    const [fixed, anyway] = hintCommands(JSON.parse(r.stderr).error.hint as string);
    const found = await runHint(fixed!, project);
    expect(found.code, found.stderr).toBe(0);
    expect(JSON.parse(found.stdout).items).toEqual([{ id: 'w1', owner: 'ana' }]);
    const sent = await runHint(anyway!, project);
    expect(sent.code, sent.stderr).toBe(0);
    expect(JSON.parse(sent.stdout).items).toEqual([]);
  });

  it('count and export check their --where too; outside a project nothing is known, so it is sent', async () => {
    const count = await inProject(['count', '--datastore', 'tasks', '--where', 'priorty > 1']);
    expect(count.code).toBe(2);
    expect(count.stderr).toContain('datastore tasks has no attribute "priorty" (did you mean priority?)');
    const exported = await inProject(['export', 'tasks', '--where', 'titl = "x"']);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toContain(
      'Its attributes (manifest.json): task_id, title, priority. Did you mean `rosi datastore export tasks --where \'title = "x"\'`?',
    );
    const unknown = await outside(['count', '--datastore', 'tasks', '--where', 'priorty > 1']);
    expect(unknown.code, unknown.stderr).toBe(0);
    expect(unknown.stdout.trim()).toBe('0');
  });

  it('a bare word where a value belongs exits 2, with the command quoting it', async () => {
    const before = await datastoreCalls();
    const r = await outside(['query', '--datastore', 'things', '--where', 'owner = ana']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('✗ Invalid --where at column 9: ana is a bare word where a value belongs: a string takes double quotes, "ana"');
    expect(await datastoreCalls()).toBe(before);
    const [fixed] = hintCommands(r.stderr);
    expect(fixed).toBe(`rosi datastore query --datastore things --where 'owner = "ana"' --app ${APP}`);
    const found = await runHint(fixed!, home);
    expect(found.code, found.stderr).toBe(0);
    expect(found.stderr).toContain('1 item from datastore things');
  });
  it('a manifest.ts is read too, as completion reads it', async () => {
    const tsProject = join(home, 'ts-project');
    mkdirSync(join(tsProject, '.slack'), { recursive: true });
    writeFileSync(join(tsProject, '.slack', 'hooks.json'), '{"hooks": {}}');
    writeFileSync(
      join(tsProject, '.slack', 'apps.json'),
      JSON.stringify({ apps: { [emu.teamId]: { app_id: APP, team_id: emu.teamId, team_domain: 'emulator' } } }),
    );
    writeFileSync(
      join(tsProject, 'manifest.ts'),
      `const manifest: Record<string, unknown> = ${JSON.stringify(datastoreManifest())};\nexport default manifest;\n`,
    );
    const r = await runRosi(['datastore', 'count', '--datastore', 'tasks', '--where', 'titl = "x"'], { home, cwd: tsProject });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Its attributes (manifest.ts): task_id, title, priority.');
  });
});

describe('a wrong datastore name lists the datastores that exist', () => {
  it('inside a project: exit 2 before any request, from manifest.json', async () => {
    const before = await datastoreCalls();
    const r = await inProject(['query', '--datastore', 'thngs']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('✗ The app has no datastore "thngs" (manifest.json declares things, tasks) (datastore_not_found)');
    expect(r.stderr).toContain(
      'Hint: Did you mean `rosi datastore query --datastore things`? To send it as it is: `rosi datastore query --datastore thngs --no-check`.',
    );
    expect(await datastoreCalls()).toBe(before);
  });

  it('without a manifest rosi can read, from the deployed manifest after the API refuses it', async () => {
    const r = await outside(['get', 'w1', '--datastore', 'thngs']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✗ The app has no datastore "thngs"; it has things, tasks (datastore_error from apps.datastore.get)');
    const [fixed] = hintCommands(r.stderr);
    expect(fixed).toBe(`rosi datastore get w1 --datastore things --app ${APP}`);
    const found = await runHint(fixed!, home);
    expect(found.code, found.stderr).toBe(0);
    const put = await outside(['put', '--datastore', 'nope', '--item', '{"id": "1"}']);
    expect(put.stderr).toContain('The app has no datastore "nope"; it has things, tasks');
    const bulk = await outside(['bulk-get', 'a', 'b', '--datastore', 'task']);
    expect(bulk.code).toBe(1);
    expect(bulk.stderr).toContain('✗ The app has no datastore "task"; it has things, tasks (datastore_error from apps.datastore.bulkGet)');
    expect(bulk.stderr).toContain('Hint: Name one of those with --datastore. Did you mean tasks?');
  });
});

describe('deep nesting is refused before any request', () => {
  it('--where with thousands of parentheses exits 2 naming the limit, and sends nothing', async () => {
    const before = await datastoreCalls();
    const r = await outside(['query', '--datastore', 'things', '--where', `${'('.repeat(5000)}n = 1${')'.repeat(5000)}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('✗ Invalid --where at column 66: the condition nests more than 64 levels deep');
    expect(r.stderr).not.toMatch(/Maximum call stack|bug in rosi/);
    expect(await datastoreCalls()).toBe(before);
  });

  it('--item nested thousands of levels exits 2 naming the limit, and sends nothing', async () => {
    const before = await datastoreCalls();
    const deep = `{"id": "d1", "meta": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    const r = await outside(['put', '--datastore', 'things', '--item', deep]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('✗ --item nests more than 64 levels deep (invalid_datastore_expression)');
    const unclosed = await outside(['put', '--datastore', 'things', '--item', '['.repeat(50_000)]);
    expect(unclosed.code).toBe(2);
    expect(unclosed.stderr).toContain('--item is not valid JSON: expected no more than 64 levels of nesting at column 65');
    expect(await datastoreCalls()).toBe(before);
  });
});
