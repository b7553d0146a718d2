import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../errors/cli-error.js';
import { colorWanted, createColors } from '../io/colors.js';
import { visibleNames, type CommandDef, type FlagDef, type GroupDef, type Node, type RawInput } from '../kit/define-command.js';
import { globalFlags } from '../kit/flags.js';
import { didYouMean, meant } from '../lib/suggest.js';
import type { CliHost } from './cli-host.js';
import { commandWords, renderHelp } from './help.js';

// The commander tree of the definitions. The runner (program.ts) parses argv with it unless
// argv is one simple-argv.ts reads as commander would (`rosi auth list`), which never loads commander.

/**
 * Parses argv with commander and runs what it names through `onRun`. Commander's usage errors
 * become UsageErrors; help it printed itself (a bare group) is a normal end.
 */
export async function parseWithCommander(root: GroupDef, host: Host, argv: readonly string[], onRun: OnRun): Promise<void> {
  const program = buildProgram(root, host, commandWords(argv), onRun);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError && e.exitCode === 0) return;
    throw e instanceof CommanderError ? fromCommander(e, commandPath(root, argv)) : e;
  }
}

export type OnRun = (def: CommandDef, raw: RawInput) => Promise<void>;

/** Turns the definition tree into commander commands, with the same settings on every node. */
type Host = Pick<CliHost, 'stdout' | 'stderr' | 'version' | 'env' | 'isStdoutTTY'>;

/**
 * `words` are the command words of argv: only the nodes they name are built in full.
 * The others become bare named stubs, enough for "did you mean" suggestions, which
 * keeps start-up flat as the tree grows. Pass undefined to build everything.
 */
export function buildProgram(root: GroupDef, host: Host, words: readonly string[] | undefined, onRun: OnRun): Command {
  const program = configure(new Command(root.name), [root], host);
  program.version(host.version, '--version', 'print the version');
  for (const f of globalFlags) program.addOption(toOption(f));
  addChildren(program, [root], host, words, onRun);
  return program;
}

function addChildren(parent: Command, path: Node[], host: Host, words: readonly string[] | undefined, onRun: OnRun): void {
  const group = path[path.length - 1] as GroupDef;
  const wanted = words?.[path.length - 1];
  const names = (n: Node) => [n.name, ...(n.aliases ?? [])];
  for (const node of group.commands) {
    // The default command is always built in full: `rosi activity --level trace` runs it even
    // though "trace" (a flag value here) also names a sub-command.
    const isDefault = node.name === group.defaultCommand;
    const placement = { ...(node.hidden ? { hidden: true } : {}), ...(isDefault ? { isDefault: true } : {}) };
    if (words && !names(node).includes(wanted ?? '') && !isDefault) {
      const stub = new Command(node.name);
      for (const a of node.aliases ?? []) stub.alias(a);
      parent.addCommand(stub, placement);
      continue;
    }
    const cmd = configure(new Command(node.name), [...path, node], host);
    if (node.kind === 'group') {
      addChildren(cmd, [...path, node], host, words, onRun);
    } else {
      for (const a of node.args ?? []) {
        const name = a.variadic ? `${a.name}...` : a.name;
        cmd.argument(a.optional ? `[${name}]` : `<${name}>`, a.description);
      }
      for (const f of node.flags ?? []) cmd.addOption(toOption(f));
      if (node.passThrough) cmd.allowUnknownOption().allowExcessArguments();
      cmd.action(async (...params: unknown[]) => {
        const self = params[params.length - 1] as Command;
        const args: RawInput['args'] = {};
        (node.args ?? []).forEach((a, i) => (args[a.name] = params[i] as string | string[] | undefined));
        const tree = node.needsTree ? { tree: path[0] as GroupDef } : {};
        // A command's own flags and the global ones, which its options schema picks from (kit/global-options.ts).
        await onRun(node, { args, flags: self.optsWithGlobals(), ...(node.passThrough ? { rest: self.args } : {}), ...tree });
      });
    }
    parent.addCommand(cmd, placement);
  }
}

function configure(cmd: Command, path: Node[], host: Host): Command {
  const node = path[path.length - 1] as Node;
  // All help, whoever asks for it, comes from the one renderer that reads the tree.
  cmd.helpInformation = () => renderHelp(path, createColors(colorWanted(host.isStdoutTTY, host.env, true)));
  cmd
    .description(node.description ?? node.summary)
    .summary(node.summary)
    .exitOverride()
    .configureOutput({ writeOut: (s) => host.stdout.write(s), writeErr: (s) => host.stderr.write(s), outputError: () => {} })
    .showSuggestionAfterError(true)
    .allowExcessArguments(false)
    .helpOption('-h, --help', 'show help')
    .helpCommand(false);
  for (const a of node.aliases ?? []) cmd.alias(a);
  suggestOnMistakes(cmd, path);
  if (node.kind === 'group') {
    // A bare group prints its help. After a group, a stray word is blamed before a stray
    // flag: in `datastore qurey --datastore tasks` the mistake is "qurey", and the flag
    // belongs to the command meant.
    cmd
      .allowExcessArguments()
      .allowUnknownOption()
      .action((_opts: unknown, self: Command) => {
        const [first] = self.args;
        const internals = self as unknown as Mistakes;
        if (first !== undefined && !first.startsWith('-')) internals.unknownCommand();
        if (first !== undefined) internals.unknownOption(first, true);
        self.help();
      });
  }
  return cmd;
}

/** Commander's hooks for unknown commands, flags and extra words, which rosi words itself. */
interface Mistakes {
  unknownCommand(): void;
  unknownOption(flag: string, checked?: boolean): void;
  _excessArguments(received: string[]): void;
}

function suggestOnMistakes(cmd: Command, path: Node[]): void {
  const node = path[path.length - 1] as Node;
  const parent = path[path.length - 2];
  const hooks = cmd as unknown as Mistakes;
  hooks.unknownCommand = () => {
    const word = cmd.args[0] ?? '';
    const known = node.kind === 'group' ? visibleNames(node) : [];
    cmd.error(`error: unknown command '${word}'${didYouMean(word, known)}`, { code: 'commander.unknownCommand' });
  };
  hooks.unknownOption = (flag, checked = false) => {
    if (!checked && isUnknownAllowed(cmd)) return;
    cmd.error(`error: unknown option '${flag}'${flagSuggestion(cmd, flag)}`, { code: 'commander.unknownOption' });
  };
  hooks._excessArguments = (received) => {
    if ((cmd as unknown as { _allowExcessArguments: boolean })._allowExcessArguments) return;
    const expected = cmd.registeredArguments.length;
    const stray = received[expected] ?? '';
    // The default command runs under its group's name (`rosi activity` = `rosi activity list`).
    const isDefault = parent?.kind === 'group' && parent.defaultCommand === node.name;
    const words = (isDefault ? path.slice(0, -1) : path).map((n) => n.name).join(' ');
    const takes = expected === 0 ? 'takes no arguments' : `takes at most ${expected} argument${expected === 1 ? '' : 's'}`;
    const siblings = isDefault && expected === 0 && parent.kind === 'group' ? didYouMean(stray, visibleNames(parent)) : '';
    cmd.error(`error: unexpected argument '${stray}': \`${words}\` ${takes}${siblings}`, { code: 'commander.excessArguments' });
  };
}

function isUnknownAllowed(cmd: Command): boolean {
  return (cmd as unknown as { _allowUnknownOption: boolean })._allowUnknownOption;
}

/** What a mistyped flag may have meant, among this command's flags and its parents' (global flags). */
function flagSuggestion(cmd: Command, flag: string): string {
  const options: Option[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) options.push(...c.options.filter((o) => !o.hidden));
  if (!/^-[^-]$/.test(flag)) return didYouMean(flag.split('=')[0] as string, [...options.flatMap((o) => (o.long ? [o.long] : [])), '--help']);
  // `-V`: a one-letter flag in the other case, or the first letter of a long one.
  const letter = flag.slice(1).toLowerCase();
  const found = options.filter((o) => o.short?.toLowerCase() === `-${letter}` || o.long?.startsWith(`--${letter}`));
  return meant([...new Set(found.map((o) => o.long ?? o.short ?? ''))]);
}

function toOption(f: FlagDef): Option {
  const long = f.negatable ? `--no-${f.name}` : `--${f.name}`;
  const flags = `${f.short ? `-${f.short}, ` : ''}${long}${f.value ? ` ${f.value}` : ''}`;
  const opt = new Option(flags, f.description);
  if (f.hidden) opt.hideHelp();
  if (f.multiple) opt.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
  return opt;
}

/** The known command words at the start of argv (`auth list`), for "see --help" hints. */
function commandPath(root: GroupDef, argv: readonly string[]): string[] {
  const path: string[] = [];
  let node: Node | undefined = root;
  for (const word of argv) {
    if (word.startsWith('-')) continue;
    if (node?.kind !== 'group') break;
    node = node.commands.find((c: Node) => c.name === word || c.aliases?.includes(word));
    if (!node) break;
    path.push(node.name);
  }
  return path;
}

function fromCommander(e: CommanderError, path: string[]): UsageError {
  const message = e.message.replace(/^error:\s*/, '').replace(/\n/g, ' ');
  const at = ['rosi', ...path, '--help'].join(' ');
  return new UsageError(capitalize(message), {
    code: e.code.replace(/^commander\./, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
    hint: `See \`${at}\` for usage.`,
  });
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
