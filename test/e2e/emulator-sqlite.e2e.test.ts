import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInterface } from 'node:readline';
import { baseEnv, BIN, ROOT, tempHome } from '../helpers/e2e.js';
import { defaultSqliteDriver } from '../helpers/sqlite-driver.js';

// rosi as npm leaves it when better-sqlite3 could not be built: a copy of the built CLI in a
// folder of its own, whose node_modules lacks the module (or holds one whose addon fails).
// The shared install is never touched: the copy has no link to it.
let home: string;
let cleanup: () => void;
let install: string;
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> }).optionalDependencies[
  'better-sqlite3'
];

beforeAll(() => {
  ({ home, cleanup } = tempHome());
  install = join(home, 'rosi install');
  for (const part of ['bin', 'dist', 'scripts', 'package.json']) cpSync(join(ROOT, part), join(install, part), { recursive: true });
});
afterAll(() => cleanup?.());

/** A folder of stand-ins for the named programs, to be the child's whole PATH. */
function pathWith(...programs: string[]): string {
  const dir = join(home, `path-${programs.join('-') || 'empty'}`);
  mkdirSync(dir, { recursive: true });
  for (const p of programs) {
    writeFileSync(join(dir, p), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, p), 0o755);
  }
  return dir;
}

// Where this Node has node:sqlite, the emulator runs without better-sqlite3: these cases then ask for it.
const forced = defaultSqliteDriver() === 'node' ? { ROSI_EMULATOR_SQLITE: 'better-sqlite3' } : {};

const emulator = (path: string, json = false) =>
  spawnSync(process.execPath, [join(install, 'bin', 'rosi.js'), 'emulator', '--in-memory', '--port', '0', ...(json ? ['--json'] : [])], {
    env: baseEnv(home, { PATH: path, ...forced }),
    encoding: 'utf8',
    timeout: 20_000,
  });

const quoted = () => `'${install}'`;

describe.runIf(process.platform === 'linux')('rosi emulator without a usable better-sqlite3', () => {
  it('not installed, no build tools: names what is missing and one command that installs them and then the module', () => {
    const r = emulator(pathWith('sudo', 'apt-get'));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('✗ The emulator needs better-sqlite3, which is not installed: npm leaves this optional native module out');
    expect(r.stderr).toContain('Missing here: python3, make, a C++ compiler.');
    expect(r.stderr).toContain(
      `Run: \`sudo apt-get update && sudo apt-get install -y python3 make g++ && npm install --prefix ${quoted()} --no-save --omit=dev --foreground-scripts better-sqlite3@${version}\``,
    );
    expect(r.stderr).not.toContain('npm rebuild');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('not installed, build tools present: the hint is the install command alone; --json gives it as one JSON line', () => {
    const r = emulator(pathWith('python3', 'make', 'g++'), true);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const error = (JSON.parse(lines[0]!) as { error: { code: string; hint: string } }).error;
    expect(error.code).toBe('emulator_unavailable');
    expect(error.hint).toContain(`Run: \`npm install --prefix ${quoted()} --no-save --omit=dev --foreground-scripts better-sqlite3@${version}\``);
    expect(error.hint).not.toContain('Missing here');
  });

  it('installed but its addon does not load in this Node: the hint is npm rebuild for the install folder', () => {
    const pkg = join(install, 'node_modules', 'better-sqlite3');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version, main: 'index.js' }));
    // What Node says when the addon was compiled for another Node.
    writeFileSync(
      join(pkg, 'index.js'),
      `module.exports = class Database { constructor() { throw Object.assign(new Error("The module '${pkg}/build/Release/better_sqlite3.node'\\nwas compiled against a different Node.js version using\\nNODE_MODULE_VERSION 108."), { code: 'ERR_DLOPEN_FAILED' }); } };\n`,
    );
    try {
      const r = emulator(pathWith('python3', 'make', 'g++'));
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('✗ The emulator needs better-sqlite3, whose native part does not load here (The module');
      expect(r.stderr).toContain(`Run: \`npm rebuild --prefix ${quoted()} --foreground-scripts better-sqlite3\``);
    } finally {
      rmSync(join(install, 'node_modules'), { recursive: true, force: true });
    }
  });

  it('npm run demo checks for it before anything else and says what to do in one paragraph', () => {
    const r = spawnSync(process.execPath, [join(install, 'scripts', 'demo.mjs')], {
      env: baseEnv(home, { PATH: pathWith('python3', 'make', 'g++'), ...forced }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    const paragraphs = r.stdout.trim().split('\n');
    expect(paragraphs).toHaveLength(1);
    expect(paragraphs[0]).toMatch(
      /^The demo stopped before its first step, as it runs on rosi's emulator\. The emulator needs better-sqlite3, which is not installed: .* Run: `npm install --prefix .* better-sqlite3@/,
    );
    expect(r.stdout).not.toContain('== Start the emulator');
  });
});

/** Starts the emulator with --json; resolves with its first stdout line parsed, and all of stderr once stopped. */
async function startAndStop(bin: string, env: Record<string, string>): Promise<{ info: Record<string, unknown>; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, [bin, 'emulator', '--in-memory', '--port', '0', '--json'], {
    env: baseEnv(home, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const line = await Promise.race([new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve)), exited.then(() => '')]);
  child.kill('SIGTERM');
  const code = await exited;
  return { info: line ? (JSON.parse(line) as Record<string, unknown>) : {}, stderr, code };
}

describe('which SQLite driver the emulator runs', () => {
  it(`on Node ${process.versions.node}, unasked: ${defaultSqliteDriver()}, said in the --json line, with a clean stderr`, async () => {
    const r = await startAndStop(BIN, {});
    expect(r.info.sqlite).toBe(defaultSqliteDriver());
    expect(r.stderr).toContain(`State      in memory: gone when the emulator stops (${defaultSqliteDriver() === 'node' ? 'node:sqlite' : 'better-sqlite3'})`);
    expect(r.stderr).not.toMatch(/Warning/);
  });

  it.runIf(defaultSqliteDriver() === 'node')('without better-sqlite3 installed, on node:sqlite, not a word about it', async () => {
    const r = await startAndStop(join(install, 'bin', 'rosi.js'), {});
    expect(r.info.sqlite).toBe('node');
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('(node:sqlite)');
    expect(r.stderr).not.toMatch(/Warning|better-sqlite3|npm/);
  });

  it.runIf(defaultSqliteDriver() === 'better-sqlite3')('ROSI_EMULATOR_SQLITE=better-sqlite3 is what runs anyway', async () => {
    expect((await startAndStop(BIN, { ROSI_EMULATOR_SQLITE: 'better-sqlite3' })).info.sqlite).toBe('better-sqlite3');
  });

  it.runIf(defaultSqliteDriver() === 'node')('ROSI_EMULATOR_SQLITE=node is what runs anyway', async () => {
    expect((await startAndStop(BIN, { ROSI_EMULATOR_SQLITE: 'node' })).info.sqlite).toBe('node');
  });

  it.runIf(defaultSqliteDriver() === 'better-sqlite3')('ROSI_EMULATOR_SQLITE=node on a Node without node:sqlite: says which Node it takes', () => {
    const r = spawnSync(process.execPath, [BIN, 'emulator', '--in-memory', '--port', '0'], {
      env: baseEnv(home, { ROSI_EMULATOR_SQLITE: 'node' }),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ROSI_EMULATOR_SQLITE=node, but this Node has no node:sqlite the emulator can use');
    expect(r.stderr).toContain('Node 22.13 or newer');
  });

  it('any other ROSI_EMULATOR_SQLITE is a usage error naming the two', () => {
    const r = spawnSync(process.execPath, [BIN, 'emulator', '--in-memory', '--port', '0'], {
      env: baseEnv(home, { ROSI_EMULATOR_SQLITE: 'sqlite3' }),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('ROSI_EMULATOR_SQLITE must be node or better-sqlite3, not "sqlite3"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
