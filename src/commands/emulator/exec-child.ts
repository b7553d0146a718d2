import { spawn, type StdioOptions } from 'node:child_process';
import { constants } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { CliError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { interruptSignal } from '../../lib/interrupt.js';
import { shellWord } from '../../lib/shell-word.js';
import { groupRuns, signalGroup } from './process-group.js';

/**
 * How long a program has to end after the interrupt was passed on, before it is killed. Under
 * GitHub Actions' cancel (SIGINT, then SIGTERM 7.5 s later) it is killed before that second
 * signal would end rosi at once, so the emulator still closes and the temporary folders go.
 */
export const KILL_GRACE_MS = 5000;

export interface ProgramRun {
  /** The program and its arguments: no shell reads them. */
  argv: readonly string[];
  env: Readonly<Record<string, string>>;
  cwd: string;
  stdio: StdioOptions;
  /**
   * The program leads a process group of its own, so an interrupt passed on and the final kill reach every
   * process it started, and those it leaves running when it ends are stopped. Only off a terminal: there the
   * program must stay in the terminal's foreground group to read keys, and Ctrl-C reaches it from the terminal.
   */
  ownGroup: boolean;
  /** Aborts on an interrupt of rosi, whose signal (the abort's reason) is passed on to the program. */
  signal: AbortSignal;
  /** Called once the program started, with its process (stdout is there when `stdio` pipes it). */
  started?: (child: ReturnType<typeof spawn>) => void;
  graceMs?: number;
}

/**
 * Runs a program to its end and answers its exit code as a shell gives it: its own, or 128 + the signal
 * number when a signal ended it (SIGKILL 137, SIGTERM 143). An interrupt of rosi is passed on as the same
 * signal; a program still running `graceMs` later is killed.
 *
 * @throws CliError `command_not_found` (exit 127) or `command_not_executable` (exit 126) when it cannot start.
 */
export function runProgram(r: ProgramRun): Promise<number> {
  const [file, ...args] = r.argv;
  if (file === undefined) throw new Error('runProgram needs a program');
  const graceMs = r.graceMs ?? KILL_GRACE_MS;
  return new Promise((resolve, reject) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(file, args, { cwd: r.cwd, env: r.env, stdio: r.stdio, detached: r.ownGroup });
    } catch (e) {
      // Arguments Node refuses before trying (a NUL byte in a word).
      reject(cannotStart(file, e as NodeJS.ErrnoException));
      return;
    }
    const send = (sig: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      if (r.ownGroup) signalGroup(child.pid, sig);
      else child.kill(sig);
    };
    let killer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      send(interruptSignal(r.signal.reason));
      killer = setTimeout(() => send('SIGKILL'), graceMs);
    };
    child.once('spawn', () => {
      r.started?.(child);
      if (r.signal.aborted) onAbort();
      else r.signal.addEventListener('abort', onAbort, { once: true });
    });
    child.once('error', (e: NodeJS.ErrnoException) => {
      r.signal.removeEventListener('abort', onAbort);
      reject(cannotStart(file, e));
    });
    child.once('exit', (code, sig) => {
      r.signal.removeEventListener('abort', onAbort);
      if (killer) clearTimeout(killer);
      const exitCode = code ?? 128 + (sig ? (constants.signals[sig] ?? 0) : 0);
      if (r.ownGroup && child.pid !== undefined) void stopLeftovers(child.pid, graceMs).then(() => resolve(exitCode));
      else resolve(exitCode);
    });
  });
}

/** Processes the program started and left running stop with it: asked to, then killed after the grace period. */
async function stopLeftovers(group: number, graceMs: number): Promise<void> {
  if (!groupRuns(group)) return;
  signalGroup(group, 'SIGTERM');
  for (let waited = 0; waited < graceMs; waited += 50) {
    await delay(50);
    if (!groupRuns(group)) return;
  }
  signalGroup(group, 'SIGKILL');
}

/** What a shell would say of a program it cannot start, with its exit code (127 not found, 126 not runnable). */
function cannotStart(file: string, e: NodeJS.ErrnoException): CliError {
  const word = shellWord(file);
  if (e.code === 'ENOENT') {
    return new CliError('command_not_found', `Cannot run ${word}: no such command`, ExitCode.commandNotFound, {
      hint: file.includes('/') ? `Check the path ${word}.` : `Check its spelling, or that the folder it is in is on PATH.`,
      cause: e,
    });
  }
  if (e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'ENOEXEC' || e.code === 'EISDIR') {
    return new CliError(
      'command_not_executable',
      `Cannot run ${word}: ${e.code === 'EISDIR' ? 'it is a folder' : 'it is not an executable program'}`,
      ExitCode.cannotExecute,
      {
        hint: `Make it executable (chmod +x ${word}), or run it through its interpreter (e.g. -- node ${word}).`,
        cause: e,
      },
    );
  }
  return new CliError('command_failed_to_start', `Cannot run ${word}: ${e.message}`, ExitCode.cannotExecute, { cause: e });
}
