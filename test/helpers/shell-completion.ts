import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN } from './e2e.js';

/** What a shell offered for one Tab: the word, and its description where the shell shows one. */
export interface Offered {
  value: string;
  description?: string;
}

export type ShellName = 'bash' | 'zsh' | 'fish';

export interface ShellRun {
  /** Folder holding the generated script: `rosi.bash`, `_rosi` (zsh) and `rosi.fish`. */
  scripts: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** zsh only: `source` the script after compinit instead of autoloading it from $fpath. */
  zshMode?: 'autoload' | 'source';
}

const ZSH_HARNESS = join(dirname(fileURLToPath(import.meta.url)), 'zsh-complete.zsh');

export const scriptFile: Record<ShellName, string> = { bash: 'rosi.bash', zsh: '_rosi', fish: 'rosi.fish' };

/** Loads the generated script into the real shell and returns what Tab offers after `line`. */
export function complete(shell: ShellName, line: string, run: ShellRun): Promise<Offered[]> {
  if (shell === 'bash') return bashComplete(line, run);
  if (shell === 'zsh') return zshComplete(line, run);
  return fishComplete(line, run);
}

/**
 * Calls the completion function as readline would: COMP_WORDS split at blanks and at
 * `=` (bash's default COMP_WORDBREAKS), the cursor at the end of the line.
 */
async function bashComplete(line: string, run: ShellRun): Promise<Offered[]> {
  const driver = [
    'source "$1"; shift',
    'COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE=$ROSI_TEST_LINE; COMP_POINT=${#COMP_LINE}',
    '_rosi rosi "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"',
    '(( ${#COMPREPLY[@]} )) && printf "%s\\n" "${COMPREPLY[@]}"',
    'exit 0',
  ].join('\n');
  const out = await exec('bash', ['--norc', '--noprofile', '-c', driver, 'bash', join(run.scripts, scriptFile.bash), ...bashWords(line)], run, {
    ROSI_TEST_LINE: line,
  });
  return lines(out).map((value) => ({ value }));
}

export function bashWords(line: string): string[] {
  const parts = line.split(' ');
  const last = parts.pop() ?? '';
  const split = (w: string) => w.split(/(=)/).filter(Boolean);
  return [...parts.flatMap(split), ...(last === '' ? [''] : split(last))];
}

async function zshComplete(line: string, run: ShellRun): Promise<Offered[]> {
  const out = await exec('zsh', ['-f', ZSH_HARNESS, run.scripts, line, run.zshMode ?? 'autoload'], run, { TERM: 'dumb' });
  return lines(out).map((l) => {
    const [value = '', display = ''] = l.split('\t');
    // zsh lays a description out as `word  -- text`.
    const description = display.match(/\s--\s(.*)$/)?.[1]?.trim();
    return description ? { value, description } : { value };
  });
}

async function fishComplete(line: string, run: ShellRun): Promise<Offered[]> {
  const out = await exec('fish', ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', join(run.scripts, scriptFile.fish), line], run);
  return lines(out).map((l) => {
    const [value = '', description] = l.split('\t');
    return description ? { value, description } : { value };
  });
}

/**
 * A `rosi` on PATH that runs the built CLI and logs each call's arguments to `log`, so a
 * test can tell whether completing something started a process at all.
 */
export function writeRosiShim(dir: string, log: string): void {
  mkdirSync(dir, { recursive: true });
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  writeFileSync(join(dir, 'rosi'), `#!/bin/sh\necho "$*" >> ${q(log)}\nexec ${q(process.execPath)} ${q(BIN)} "$@"\n`, { mode: 0o755 });
}

function exec(cmd: string, args: string[], run: ShellRun, extraEnv: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd: run.cwd, env: { ...run.env, ...extraEnv }, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${cmd} failed: ${error.message}\n${stderr}`));
      // Anything on stderr would land in the user's terminal while they type.
      else if (stderr) reject(new Error(`${cmd} printed to stderr while completing:\n${stderr}`));
      else resolve(stdout);
    });
  });
}

function lines(out: string): string[] {
  return out
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter(Boolean);
}
