import type { Context } from '../context/context.js';
import { ExitCode } from '../errors/exit-codes.js';
import { colorWanted, createColors } from '../io/colors.js';
import { childNamed, type CommandDef, type GroupDef } from '../kit/define-command.js';
import { readSettings, splitGlobalFlags } from './globals.js';
import type { CliHost } from './cli-host.js';
import { renderError } from './render-error.js';

/** The top-level command argv names, when it takes its words verbatim (`rosi __complete`). */
export function passThroughCommand(root: GroupDef, argv: readonly string[]): CommandDef | undefined {
  const node = argv[0] === undefined ? undefined : childNamed(root, argv[0]);
  return node?.kind === 'command' && node.passThrough ? node : undefined;
}

/**
 * Runs a top-level pass-through command without building the commander tree. Such a command
 * parses its own words, and `rosi __complete` runs on every Tab press: through commander it
 * took about 2 ms more CPU per start (34.6 against 32.7 ms; this way 33.1), so a shell's
 * completion would be slower than before. Everything else is the normal path: the global
 * flags read from their definitions, the host's context factory, the command's parse and run,
 * and errors rendered in the one place.
 */
export async function runPassThrough(def: CommandDef, words: readonly string[], host: CliHost): Promise<number> {
  const { flags, rest } = splitGlobalFlags(words);
  const settings = readSettings(flags);
  let ctx: Context | undefined;
  try {
    ctx = await host.makeContext(settings);
    const mod = await def.load();
    await mod.run(ctx, mod.parse({ args: {}, flags, rest }) as never);
    return ExitCode.ok;
  } catch (e) {
    const colors = ctx?.io.errColors ?? createColors(colorWanted(host.isStderrTTY, host.env, settings.color));
    return renderError(e, host.stderr, { json: settings.json, verbose: settings.verbose, colors });
  }
}
