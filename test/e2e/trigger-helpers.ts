import { expect } from 'vitest';
import { control, runRosi, sampleApp, type EmulatorHandle, type RunResult } from '../helpers/e2e.js';

/** Splits a printed command line as a POSIX shell would (plain and single-quoted words). */
export function shellWords(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : (m[2] as string)));
}

/** The rosi command printed after `lead` on one line of stderr, as argv for rosi. */
export function printedArgv(stderr: string, lead: string): string[] {
  const at = stderr.indexOf(lead);
  expect(at, `"${lead}" in:\n${stderr}`).toBeGreaterThanOrEqual(0);
  const line = stderr.slice(at + lead.length).split('\n')[0] as string;
  const words = shellWords(line.trim());
  expect(words[0], line).toBe('rosi');
  return words.slice(1);
}

/** Deploys a fresh copy of examples/hello-rosi under `home` and returns its folder and app ID. */
export async function deploySample(home: string, name: string): Promise<{ dir: string; appId: string }> {
  const dir = sampleApp(home, name);
  const r = await runRosi(['deploy', '--json'], { home, cwd: dir, timeoutMs: 60_000 });
  expect(r.code, r.stderr).toBe(0);
  return { dir, appId: (JSON.parse(r.stdout) as { app_id: string }).app_id };
}

/** How many calls of `method` the emulator has served since its calls were last reset. */
export async function callCount(emu: EmulatorHandle, method: string): Promise<number> {
  return (await control<{ count: number }>(emu, `calls?method=${method}`)).count;
}

/** A run that failed as a person should see it: the exit code, and no stack trace. */
export function expectFailure(r: RunResult, code: number): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).toMatch(/^✗ /m);
}

/** The JSON a run printed on stdout. */
export const json = <T = Record<string, unknown>>(r: RunResult): T => {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
};
