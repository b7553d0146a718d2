import { runCli } from './cli/program.js';
import { rootGroup } from './commands/index.js';
import { createContext, type ProcessLike } from './context/create-context.js';
import { VERSION } from './version.js';

/**
 * Everything needed to run a command, loaded by main.ts in one dynamic import so the
 * argument parser and the context arrive as one module graph (fewer files to resolve).
 */
export function runCommand(argv: readonly string[], proc: ProcessLike, signal: AbortSignal): Promise<number> {
  return runCli(argv, rootGroup, {
    stdout: proc.stdout,
    stderr: proc.stderr,
    env: proc.env,
    isStdoutTTY: proc.stdout.isTTY === true,
    isStderrTTY: proc.stderr.isTTY === true,
    version: VERSION,
    makeContext: async (settings) => createContext(proc, settings, signal, VERSION),
  });
}
