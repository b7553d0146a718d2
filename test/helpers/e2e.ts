import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin', 'rosi.js');
const TOKEN = /xox[a-z]?(?:\.xox[a-z])?-[A-Za-z0-9-]{6,}/;

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  home: string;
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
  cwd?: string;
}

/** The environment every e2e child gets: a temp HOME, no colour, CI on, no real credentials. */
export function baseEnv(home: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    NO_COLOR: '1',
    CI: '1',
    XDG_DATA_HOME: join(home, '.local', 'share'),
    // On a Node other than the one that built rosi, each temporary HOME would warm its own
    // code cache on its first run; .ci/run shares one folder across the suite instead.
    ROSI_CACHE_DIR: process.env.ROSI_CACHE_DIR,
    ...extra,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env;
}

/** Runs the built CLI as a subprocess and collects its streams; never throws on exit codes. */
export function runRosi(args: string[], o: RunOptions): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: o.cwd ?? o.home, env: baseEnv(o.home, o.env), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Suite-wide guard: no run may print a token, except `auth token`, whose job it is.
      const printsToken = args.includes('token') && args.includes('auth');
      const leak = (printsToken ? stderr : stdout + stderr).match(TOKEN);
      if (leak) return reject(new Error(`rosi ${args.join(' ')} printed a token: ${leak[0].slice(0, 12)}…`));
      resolvePromise({ code, signal, stdout, stderr });
    });
    // A command that exits without reading its input closes the pipe first: that is its business, not an error of the run.
    child.stdin.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') reject(e);
    });
    child.stdin.end(o.input ?? '');
  });
}

/**
 * For a test file: `fresh()` makes a temporary HOME, and every one made during a test is
 * removed after it.
 */
export function freshHomes(): () => string {
  const made: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of made.splice(0)) cleanup();
  });
  return () => {
    const t = tempHome();
    made.push(t.cleanup);
    return t.home;
  };
}

/** A fresh copy of the sample app (examples/hello-rosi, with its .env secret) at `parent/name`. */
export function sampleApp(parent: string, name: string): string {
  const dir = join(parent, name);
  cpSync(join(ROOT, 'examples', 'hello-rosi'), dir, { recursive: true });
  return dir;
}

export function tempHome(): { home: string; cleanup: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'rosi-e2e-'));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

export interface EmulatorHandle {
  url: string;
  /** The seeded team's ID, from the start-up line (each emulator has its own). */
  teamId: string;
  process: ChildProcess;
  /** stderr collected so far (for debugging failed tests). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts `rosi emulator --port 0 --json` (in memory, control endpoints on, unless args
 * say otherwise) and resolves once it prints its JSON line with the URL.
 */
export function startEmulator(args: string[] = ['--in-memory', '--control'], home?: string): Promise<EmulatorHandle> {
  const h = home ?? mkdtempSync(join(tmpdir(), 'rosi-emu-'));
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--json', ...args], { cwd: h, env: baseEnv(h), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${log}`)), 20_000);
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}: ${log}`)));
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const { url, team_id: teamId } = JSON.parse(line) as { url: string; team_id: string };
      resolvePromise({
        url,
        teamId,
        process: child,
        log: () => log,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** The app `rosi emulator --manifest` creates for the seeded developer. */
export const SEEDED_APP = 'A0EMULATOR1';

/**
 * An emulator whose seeded app is made from `manifest` (written to `<home>/manifest.json`),
 * so its datastores work before any deploy. `args` replace the in-memory, control defaults.
 */
export function startSeededEmulator(home: string, manifest: unknown, args: string[] = ['--in-memory', '--control']): Promise<EmulatorHandle> {
  const file = join(home, 'manifest.json');
  writeFileSync(file, JSON.stringify(manifest));
  return startEmulator([...args, '--manifest', file], home);
}

/** Calls a control endpoint of an emulator started with --control. */
export async function control<T = unknown>(emu: { url: string }, path: string, body?: unknown): Promise<T> {
  const res = await fetch(
    `${emu.url}/__emulator/${path}`,
    body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  if (!res.ok) throw new Error(`control ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
