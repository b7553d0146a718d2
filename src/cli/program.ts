import type { Context, ContextSettings } from '../context/context.js';
import { ExitCode } from '../errors/exit-codes.js';
import { colorWanted, createColors } from '../io/colors.js';
import type { GroupDef } from '../kit/define-command.js';
import type { CliHost } from './cli-host.js';
import type { OnRun } from './commander-tree.js';
import { readSettings } from './globals.js';
import { helpRequest, renderHelp } from './help.js';
import { passThroughCommand, runPassThrough } from './pass-through.js';
import { renderError } from './render-error.js';
import { simpleInvocation } from './simple-argv.js';

/** Parses argv, runs the chosen command and returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], root: GroupDef, host: CliHost): Promise<number> {
  // `rosi __complete` runs on every Tab press: it skips building the parser (pass-through.ts).
  const own = passThroughCommand(root, argv);
  if (own) return runPassThrough(own, argv.slice(1), host);
  // The same answers src/main.ts gives before loading the parser, for callers that start here.
  const help = helpRequest(root, argv);
  if (help) {
    host.stdout.write(renderHelp(help, createColors(colorWanted(host.isStdoutTTY, host.env, !argv.includes('--no-color')))));
    return ExitCode.ok;
  }
  let ctx: Context | undefined;
  let settings: ContextSettings | undefined;
  let exitCode: number = ExitCode.ok;
  const dashDash = argv.indexOf('--');
  const afterDashDash = dashDash === -1 ? {} : { afterDashDash: argv.slice(dashDash + 1) };
  const onRun: OnRun = async (def, raw) => {
    // The flags build the Context's dependencies; their values reach the command in raw.flags.
    const read = readSettings(raw.flags);
    ctx = await host.makeContext(read);
    settings = read;
    const mod = await def.load();
    exitCode = (await mod.run(ctx, mod.parse({ ...raw, ...afterDashDash }) as never)) ?? ExitCode.ok;
  };
  try {
    // A plain command line (`rosi auth list --json`) is read without commander, which costs a
    // quick command about 2 ms to load and build; anything else goes to commander.
    const simple = simpleInvocation(root, argv);
    if (simple) await onRun(simple.def, simple.raw);
    else await (await import('./commander-tree.js')).parseWithCommander(root, host, argv, onRun);
    return exitCode;
  } catch (e) {
    const json = settings?.json ?? asksForJson(argv);
    const verbose = settings?.verbose ?? (argv.includes('--verbose') || argv.includes('-v'));
    const colors = ctx?.io.errColors ?? createColors(colorWanted(host.isStderrTTY, host.env, !argv.includes('--no-color')));
    return renderError(e, host.stderr, { json, verbose, colors });
  }
}

/** Whether argv asks for JSON, read before parsing so that usage errors are JSON too. */
function asksForJson(argv: readonly string[]): boolean {
  return argv.some((w, i) => w === '--json' || w === '--output=json' || (w === '--output' && argv[i + 1] === 'json'));
}
