import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RosiTestingError } from './errors.js';

let bin: string | undefined;

/** rosi's own launcher: the package this module belongs to (dist/testing.js, or src/testing/ in rosi's checkout). */
export function rosiBin(): string {
  if (bin) return bin;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const launcher = join(dir, 'bin', 'rosi.js');
    if (existsSync(launcher) && isRosiPackage(join(dir, 'package.json'))) return (bin = launcher);
    if (dirname(dir) === dir)
      throw new RosiTestingError('rosi_not_found', 'rosi/testing could not find the rosi package it belongs to (bin/rosi.js): reinstall rosi');
  }
}

function isRosiPackage(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'rosi';
  } catch {
    return false;
  }
}

export interface RosiRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the rosi CLI to its end in `cwd`, with exactly `env` (no inherited credentials). */
export function runRosi(args: string[], cwd: string, env: Record<string, string>): Promise<RosiRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [rosiBin(), ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The environment a rosi run of the suite gets: its own HOME and config, the emulator's host and token, and nothing of the user's logins. */
export function rosiEnv(home: string, url: string, token: string): Record<string, string> {
  const keep = ['PATH', 'TMPDIR', 'TEMP', 'TMP', 'SYSTEMROOT', 'LANG', 'ROSI_CACHE_DIR'];
  const inherited = Object.fromEntries(keep.flatMap((k) => (process.env[k] ? [[k, process.env[k] as string]] : [])));
  return {
    ...inherited,
    HOME: home,
    SLACK_CONFIG_DIR: join(home, '.slack'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    NO_COLOR: '1',
    CI: '1',
    ROSI_APIHOST: url,
    ROSI_TOKEN: token,
  };
}

/** The last lines of a failed run's stderr, for an error message. */
export const tail = (stderr: string, lines = 12): string => stderr.trim().split('\n').slice(-lines).join('\n');
