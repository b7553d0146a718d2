import { spawn } from 'node:child_process';
import { baseEnv, BIN, control, SEEDED_APP, startSeededEmulator, type EmulatorHandle } from './e2e.js';
import { hostedManifest } from './hosting.js';

/** The app `rosi emulator --manifest` seeds. */
export const APP = SEEDED_APP;

/** An activity for POST /__emulator/activities; only event_type is required. */
export type NewActivity = Record<string, unknown> & { event_type: string };

/** Microseconds now, by this machine's clock (the emulator's, unless it was moved). */
export const nowMicros = () => Date.now() * 1000;

/** Starts an emulator that keeps its state in `dataDir` and seeds the app, optionally on a given port. */
export function startActivityEmulator(home: string, dataDir: string, port?: number): Promise<EmulatorHandle> {
  return startSeededEmulator(home, hostedManifest(), ['--data-dir', dataDir, '--control', ...(port ? ['--port', String(port)] : [])]);
}

export async function appendActivities(emu: { url: string }, activities: NewActivity[]): Promise<void> {
  const r = await control<{ appended: number }>(emu, 'activities', { app_id: APP, activities });
  if (r.appended !== activities.length) throw new Error(`appended ${r.appended} of ${activities.length}`);
}

export interface LiveRosi {
  /** stdout lines so far. */
  lines(): string[];
  stderr(): string;
  /** Resolves once stdout has at least n lines (rejects after timeoutMs). */
  waitForLines(n: number, timeoutMs?: number): Promise<void>;
  signal(sig: NodeJS.Signals): void;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the built CLI and lets a test watch its output as it comes (for --tail). */
export function spawnRosi(args: string[], o: { home: string; env?: Record<string, string> }): LiveRosi {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: o.home, env: baseEnv(o.home, o.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiters) w();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const lines = () => (out === '' ? [] : out.replace(/\n$/, '').split('\n'));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return {
    lines,
    stderr: () => err,
    waitForLines: (n, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (lines().length < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${n} lines, got ${lines().length}; stderr: ${err}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    signal: (sig) => child.kill(sig),
    exit,
  };
}
