import type { InterruptSignal } from '../lib/interrupt.js';
import type { ProcessLike } from './create-context.js';
import { fdOutput } from './fd-output.js';

/** What main() takes of the process: what a command's Context is built from, and what main.ts owns. */
export type CliProcess = ProcessLike & {
  argv: string[];
  on(event: InterruptSignal, fn: () => void): void;
  exit(code: number): never;
};

/**
 * The process as rosi's launcher hands it to main(): stdout and stderr written straight to their
 * descriptors while they are not terminals (fd-output.ts), so a quick command never builds Node's
 * streams; stdin only when asked for. emitWarning is the process's own, read and replaced there
 * (quiet-warning.ts replaces it for the warnings Node itself emits).
 */
export function cliProcess(proc: NodeJS.Process): CliProcess {
  return {
    argv: proc.argv,
    env: proc.env,
    platform: proc.platform,
    stdout: fdOutput(1, () => proc.stdout, proc.platform),
    stderr: fdOutput(2, () => proc.stderr, proc.platform),
    get stdin() {
      return proc.stdin;
    },
    cwd: () => proc.cwd(),
    on: (event, fn) => void proc.on(event, fn),
    exit: (code) => proc.exit(code),
    get emitWarning() {
      return proc.emitWarning;
    },
    set emitWarning(fn) {
      proc.emitWarning = fn;
    },
  };
}
