import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, runRosi, tempHome } from '../helpers/e2e.js';

const require = createRequire(import.meta.url);

it('the built bundle loads from its V8 code cache (a rejected cache would only cost speed)', () => {
  const { loadBundle } = require(join(ROOT, 'bin', 'load-bundle.cjs')) as {
    loadBundle(dir: string): { exports: { main: unknown }; script: { cachedDataRejected?: boolean } };
  };
  const { exports, script } = loadBundle(join(ROOT, 'dist'));
  expect(typeof exports.main).toBe('function');
  expect(script.cachedDataRejected).toBe(false);
});

/** Runs `argv` through the built CLI in a fresh Node and answers the files it read (bin/load-bundle.cjs). */
function filesRead(argv: string[]): string[] {
  const { home, cleanup } = tempHome();
  try {
    const probe = `const { loadBundle } = require(${JSON.stringify(join(ROOT, 'bin', 'load-bundle.cjs'))});
      const bundle = loadBundle(${JSON.stringify(join(ROOT, 'dist'))});
      const sink = { isTTY: false, write: () => true, on: () => sink };
      const proc = { argv: ['node', 'rosi', ...${JSON.stringify(argv)}], env: { HOME: ${JSON.stringify(home)}, NO_COLOR: '1' }, stdout: sink, stderr: sink,
        stdin: { isTTY: false }, platform: process.platform, cwd: () => ${JSON.stringify(home)}, on: () => {}, exit: (c) => { throw new Error('exit ' + c); } };
      bundle.exports.main(proc).then((code) => process.stdout.write(JSON.stringify({ code, files: bundle.loaded() })));`;
    const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    const { code, files } = JSON.parse(r.stdout || `{"error": ${JSON.stringify(r.stderr)}}`) as { code: number; files: string[] };
    expect(code).toBe(0);
    return files;
  } finally {
    cleanup();
  }
}

it('help reads only main.cjs; auth list and completion add core.cjs, never the other commands', () => {
  expect(filesRead(['--help'])).toEqual(['main.cjs']);
  expect(filesRead(['auth', 'list', '--help'])).toEqual(['main.cjs']);
  expect(filesRead(['auth', 'list'])).toEqual(['main.cjs', 'core.cjs']);
  expect(filesRead(['__complete', 'teams'])).toEqual(['main.cjs', 'core.cjs']);
  expect(filesRead(['completion', 'bash'])).toEqual(['main.cjs', 'core.cjs', 'commands.cjs']);
});

it('every command of the built CLI loads its run module, whichever file holds it', () => {
  const probe = `const { loadBundle } = require(${JSON.stringify(join(ROOT, 'bin', 'load-bundle.cjs'))});
    const bundle = loadBundle(${JSON.stringify(join(ROOT, 'dist'))});
    const { rootGroup } = bundle.exports.__shared['src/commands/index.ts']();
    const commands = [];
    const walk = (node, path) => node.kind === 'group' ? node.commands.forEach((c) => walk(c, [...path, c.name])) : commands.push([path.join(' '), node]);
    walk(rootGroup, []);
    Promise.all(commands.map(async ([name, def]) => { const m = await def.load(); return [name, typeof m.run, typeof m.parse]; }))
      .then((rows) => process.stdout.write(JSON.stringify({ rows, files: bundle.loaded() })));`;
  const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  expect(r.stderr).toBe('');
  const { rows, files } = JSON.parse(r.stdout) as { rows: [string, string, string][]; files: string[] };
  expect(rows.length).toBeGreaterThan(30);
  for (const [name, run, parse] of rows) expect({ name, run, parse }).toEqual({ name, run: 'function', parse: 'function' });
  expect(files.sort()).toEqual(['commands.cjs', 'core.cjs', 'main.cjs']);
});

it('--version prints the package version; --help lists every visible group', async () => {
  const { home, cleanup } = tempHome();
  try {
    const pkg = require(join(ROOT, 'package.json')) as { version: string };
    expect((await runRosi(['--version'], { home })).stdout).toBe(`${pkg.version}\n`);
    const help = await runRosi(['--help'], { home });
    expect(help.code).toBe(0);
    for (const word of ['login', 'logout', 'auth', 'emulator', 'completion']) expect(help.stdout).toMatch(new RegExp(`^  ${word} `, 'm'));
    expect(help.stdout).not.toContain('__complete');
    expect(help.stderr).toBe('');
  } finally {
    cleanup();
  }
});
