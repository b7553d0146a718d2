import { helpRequest, renderHelp, versionRequest } from './cli/help.js';
import { passThroughCommand } from './cli/pass-through.js';
import { rootGroup } from './commands/index.js';
import type { CliProcess } from './context/cli-process.js';
import { ExitCode } from './errors/exit-codes.js';
import { colorWanted, createColors } from './io/colors.js';
import { Interrupt, type InterruptSignal } from './lib/interrupt.js';
import { VERSION } from './version.js';

export { cliProcess } from './context/cli-process.js';

/**
 * Commands whose young generation stays at its starting size (see main()), by group, or `group verb`
 * where one verb of a group decides otherwise. Chosen from each command's CPU time and peak RSS with
 * and without it (medians of 6–8 interleaved runs against the emulator, on a loaded 2-core machine):
 * - `datastore import` 100,000 items: 4.52 s CPU, 117 MiB with; 4.57 s, 148 MiB without: kept.
 * - `deploy` 3,000 files / 60 MiB: 2.68 s CPU, 113 MiB with; 2.77 s, 140 MiB without: kept.
 * - `datastore export -o` 100,000 items: 0.96 s CPU, 97 MiB with; 0.86 s, 107 MiB without: dropped
 *   (GC went from 18–19 % of its profile to 4–5 %).
 * - `activity --limit 0 --json` 50,000 events: 0.58 s CPU, 92 MiB with; 0.51 s, 97 MiB without: dropped.
 * - `emulator`: a long-running server, its memory kept low as before.
 */
const SMALL_YOUNG_GENERATION = new Set(['deploy', 'datastore', 'emulator']);
const GROWING_YOUNG_GENERATION = new Set(['datastore export']);

/** Whether the command `argv` names keeps V8's young generation at its starting size. */
export function smallYoungGeneration(argv: readonly string[]): boolean {
  const top = rootGroup.commands.find((n) => n.name === argv[0] || n.aliases?.includes(argv[0] ?? ''));
  if (!top || !SMALL_YOUNG_GENERATION.has(top.name)) return false;
  if (top.kind !== 'group') return true;
  // The verb is the first word that is not a flag; a word that is none (a flag's value) leaves the group's choice.
  const word = argv.slice(1).find((w) => !w.startsWith('-'));
  const verb = top.commands.find((n) => n.name === word || n.aliases?.includes(word ?? ''));
  return !(verb && GROWING_YOUNG_GENERATION.has(`${top.name} ${verb.name}`));
}

let v8FlagsChanged = false;

/**
 * Whether V8's code cache can be saved now: V8 stamps a cache with its flags and rejects it
 * under others, so not after a command changed them (bin/load-bundle.cjs asks).
 */
export const codeCacheSafe = (): boolean => !v8FlagsChanged;

/**
 * The only place that owns the process: signals, the exit code, and stdout's EPIPE.
 * Returns the exit code; bin/rosi.js sets process.exitCode so output drains.
 * `--version` and help never load the argument parser or any handler.
 */
export async function main(proc: CliProcess): Promise<number> {
  const argv = proc.argv.slice(2);
  // `rosi … | head` closes stdout early: stop quietly, as a Unix tool does.
  proc.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') proc.exit(ExitCode.ok);
  });
  // `--version` wins over other global flags, as in git and gh.
  const version = versionRequest(rootGroup, argv);
  if (version) {
    proc.stdout.write(version === 'json' ? `${JSON.stringify({ version: VERSION })}\n` : `${VERSION}\n`);
    return ExitCode.ok;
  }
  // A pass-through command (`rosi __complete`) takes its words verbatim, -h included.
  const help = passThroughCommand(rootGroup, argv) ? undefined : helpRequest(rootGroup, argv);
  if (help) {
    const color = colorWanted(proc.stdout.isTTY === true, proc.env, !argv.includes('--no-color'));
    proc.stdout.write(renderHelp(help, createColors(color)));
    return ExitCode.ok;
  }

  // Streaming commands allocate briskly, and V8 answers by doubling its young generation up to
  // 3 × 16 MiB, which then stays resident. Keeping it at its starting size saves import and deploy
  // 27–31 MiB at no cost in time, but reads that parse and print page after page (export, activity)
  // then spend a fifth of their time collecting garbage: SMALL_YOUNG_GENERATION has the figures.
  // V8 reads this flag at each resize, so setting it after start-up takes effect. node:v8
  // costs 2–3 ms to load, so quick commands (auth list) go without.
  if (smallYoungGeneration(argv)) {
    (await import('node:v8')).setFlagsFromString('--semi-space-growth-factor=1');
    v8FlagsChanged = true;
  }

  const controller = new AbortController();
  let interrupted = false;
  const onSignal = (signal: InterruptSignal) => {
    // A second Ctrl-C means "now": skip cleanup.
    if (interrupted) proc.exit(ExitCode.interrupted);
    interrupted = true;
    // The reason names the signal, for a command that passes it on to a program it runs.
    controller.abort(new Interrupt(signal));
  };
  proc.on('SIGINT', () => onSignal('SIGINT'));
  proc.on('SIGTERM', () => onSignal('SIGTERM'));
  // A closed terminal: shut down as for Ctrl-C (temporary folders removed, child programs stopped), not mid-write.
  proc.on('SIGHUP', () => onSignal('SIGHUP'));
  const { runCommand } = await import('./boot.js');
  const code = await runCommand(argv, proc, controller.signal);
  // Interrupted work may leave sockets or timers behind (an HTTP client still retrying a
  // proxy, say): what was printed is flushed, so stop now rather than wait for them. A run
  // that ended with a code of its own (an error, or the program `emulator exec` ran) keeps it.
  if (interrupted) proc.exit(code === ExitCode.ok ? ExitCode.interrupted : code);
  return code;
}
