import { runCli } from './cli/program.js';
import { rootGroup } from './commands/index.js';
import { createContext, type ProcessLike } from './context/create-context.js';
import { ExitCode } from './errors/exit-codes.js';
import { VERSION } from './version.js';

type Proc = ProcessLike & { argv: string[]; on(event: 'SIGINT' | 'SIGTERM', fn: () => void): void; exit(code: number): never };

/**
 * The only place that owns the process: signals, the exit code, and stdout's EPIPE.
 * Returns the exit code; bin/rosi.js sets process.exitCode so output drains.
 */
export async function main(proc: Proc): Promise<number> {
  const controller = new AbortController();
  let interrupted = false;
  const onSignal = () => {
    // A second Ctrl-C means "now": skip cleanup.
    if (interrupted) proc.exit(ExitCode.interrupted);
    interrupted = true;
    controller.abort(new Error('interrupted'));
  };
  proc.on('SIGINT', onSignal);
  proc.on('SIGTERM', onSignal);
  // `rosi … | head` closes stdout early: stop quietly, as a Unix tool does.
  proc.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') proc.exit(interrupted ? ExitCode.interrupted : ExitCode.ok);
  });
  const code = await runCli(proc.argv.slice(2), rootGroup, {
    stdout: proc.stdout,
    stderr: proc.stderr,
    env: proc.env,
    isStderrTTY: proc.stderr.isTTY === true,
    version: VERSION,
    makeContext: (globals) => createContext(proc, globals, controller.signal, VERSION),
  });
  return interrupted ? ExitCode.interrupted : code;
}
