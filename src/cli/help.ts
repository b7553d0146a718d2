import type { Colors } from '../io/colors.js';
import type { CommandDef, FlagDef, GroupDef, Node } from '../kit/define-command.js';
import { globalFlags } from '../kit/flags.js';

/**
 * Help rendered straight from the definition tree. It needs no argument parser, so
 * `rosi --help` and `rosi <group> --help` load neither commander nor any handler.
 */
export function renderHelp(path: Node[], c: Colors): string {
  const node = path[path.length - 1] as Node;
  const words = path.map((n) => n.name);
  const out: string[] = [node.description ?? node.summary, ''];
  const section = (title: string) => out.push(c.bold(title));
  section('USAGE');
  const fallback = node.kind === 'group' ? defaultOf(node) : undefined;
  if (node.kind === 'group') {
    if (fallback) out.push(`  ${[...words, ...argsUsage(fallback)].join(' ')} [flags]`);
    out.push(`  ${words.join(' ')} <command> [flags]`, '');
    section(path.length === 1 ? 'COMMANDS' : 'AVAILABLE COMMANDS');
    const visible = node.commands.filter((n) => !n.hidden);
    const width = Math.max(...visible.map((n) => label(n).length));
    for (const n of visible) out.push(`  ${label(n).padEnd(width)}  ${n.summary}${n === fallback ? ' (the default)' : ''}`);
    out.push('');
    const own = (fallback?.flags ?? []).filter((f) => !f.hidden);
    if (own.length) flagSection('FLAGS', own, out, c);
  } else {
    out.push(`  ${[...words, ...argsUsage(node)].join(' ')} [flags]`, '');
    const own = (node.flags ?? []).filter((f) => !f.hidden);
    if (own.length) flagSection('FLAGS', own, out, c);
  }
  flagSection(path.length === 1 ? 'FLAGS' : 'GLOBAL FLAGS', [...globalFlags, helpFlag, ...(path.length === 1 ? [versionFlag] : [])], out, c);
  const examples = node.kind === 'command' ? node.examples : fallback?.examples;
  if (examples?.length) {
    section('EXAMPLES');
    for (const e of examples) out.push(`  ${c.dim(`# ${e.meaning}`)}`, ...e.command.split('\n').map((l) => `  $ ${l}`), '');
  }
  if (node.kind === 'group') {
    section('LEARN MORE');
    out.push(`  Use \`${words.join(' ')} <command> --help\` for more about a command.`, '');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** The command a group runs when no sub-command is named (`rosi activity` = `rosi activity list`). */
function defaultOf(group: GroupDef): CommandDef | undefined {
  const found = group.commands.find((n) => n.name === group.defaultCommand);
  return found?.kind === 'command' ? found : undefined;
}

const helpFlag: FlagDef = { name: 'help', short: 'h', description: 'show help' };
const versionFlag: FlagDef = { name: 'version', description: 'print the version' };

function label(n: Node): string {
  return n.aliases?.length ? `${n.name} (${n.aliases.join(', ')})` : n.name;
}

function argsUsage(cmd: CommandDef): string[] {
  return (cmd.args ?? []).map((a) => {
    const name = a.variadic ? `${a.name}...` : a.name;
    return a.optional ? `[${name}]` : `<${name}>`;
  });
}

function flagSection(title: string, flags: readonly FlagDef[], out: string[], c: Colors): void {
  out.push(c.bold(title));
  const spec = (f: FlagDef) => `${f.short ? `-${f.short}, ` : '    '}--${f.negatable ? 'no-' : ''}${f.name}${f.value ? ` ${f.value}` : ''}`;
  const width = Math.max(...flags.map((f) => spec(f).length));
  for (const f of flags) out.push(`  ${spec(f).padEnd(width)}  ${f.description}`);
  out.push('');
}

/**
 * Finds what `argv` asks help for: the command path named by its leading words, if
 * help was requested (-h/--help before `--`, or a bare group). Undefined otherwise,
 * including for unknown words, which the parser reports with a suggestion.
 */
export function helpRequest(root: GroupDef, argv: readonly string[]): Node[] | undefined {
  const end = argv.indexOf('--');
  const words = end === -1 ? argv : argv.slice(0, end);
  const asked = words.includes('-h') || words.includes('--help');
  const path: Node[] = [root];
  const named = commandWords(words);
  for (const w of named) {
    const here = path[path.length - 1] as Node;
    if (here.kind !== 'group') break;
    const next = here.commands.find((n) => n.name === w || n.aliases?.includes(w));
    // Under a group with a default command, other words are that command's flag values.
    if (!next && here.defaultCommand) break;
    if (!next) return undefined;
    path.push(next);
  }
  const last = path[path.length - 1] as Node;
  if (asked) return path;
  return last.kind === 'group' && !last.defaultCommand && named.length === path.length - 1 ? path : undefined;
}

/** The words of argv that are not flags or global-flag values (`--team T1 auth list` → auth, list). */
export function commandWords(argv: readonly string[]): string[] {
  const valued = new Set(globalFlags.filter((f) => f.value).flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i] as string;
    if (w === '--') break;
    if (w.startsWith('-')) {
      if (valued.has(w)) i++;
      continue;
    }
    words.push(w);
  }
  return words;
}
