import type { Colors } from '../io/colors.js';
import { childNamed, lifecycleTag, type CommandDef, type FlagDef, type GroupDef, type Node } from '../kit/define-command.js';
import { globalFlags } from '../kit/flags.js';

/**
 * Help rendered straight from the definition tree. It needs no argument parser, so
 * `rosi --help` and `rosi <group> --help` load neither commander nor any handler.
 */
export function renderHelp(path: Node[], c: Colors): string {
  const node = path[path.length - 1] as Node;
  const words = path.map((n) => n.name);
  const out: string[] = [node.description ?? node.summary, ''];
  if (node.deprecated !== undefined) out.splice(1, 0, '', c.yellow(`Deprecated: ${node.deprecated}`));
  else if (node.status) out.splice(1, 0, '', c.yellow(`${node.status === 'beta' ? 'Beta' : 'Experimental'}: flags and output may still change.`));
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
  const examples = node.examples ?? fallback?.examples;
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
  const tag = lifecycleTag(n);
  return `${n.aliases?.length ? `${n.name} (${n.aliases.join(', ')})` : n.name}${tag ? ` [${tag}]` : ''}`;
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
 * help was requested (-h/--help before `--`, `rosi help <command…>`, or a bare group with
 * no flag it does not know). Undefined otherwise, including for unknown words and flags,
 * which the parser reports with a suggestion.
 */
export function helpRequest(root: GroupDef, argv: readonly string[]): Node[] | undefined {
  const words = beforeDashDash(argv);
  const asked = words.includes('-h') || words.includes('--help');
  const named = commandWords(words);
  if (named[0] === 'help' && !asked && childNamed(root, 'help')) return foreignFlag(words) ? undefined : exactPath(root, named.slice(1));
  const path: Node[] = [root];
  for (const w of named) {
    const here = path[path.length - 1] as Node;
    if (here.kind !== 'group') break;
    const next = childNamed(here, w);
    // Under a group with a default command, other words are that command's flag values.
    if (!next && here.defaultCommand) break;
    if (!next) return undefined;
    path.push(next);
  }
  const last = path[path.length - 1] as Node;
  if (asked) return path;
  const bare = last.kind === 'group' && !last.defaultCommand && named.length === path.length - 1;
  return bare && !foreignFlag(words) ? path : undefined;
}

/**
 * Whether argv asks only for the version (`--version` among global flags, after nothing
 * but group names): 'json' with --json, as every --json output is JSON.
 */
export function versionRequest(root: GroupDef, argv: readonly string[]): 'text' | 'json' | undefined {
  const words = beforeDashDash(argv);
  if (!words.includes('--version') || foreignFlag(words, ['--version'])) return undefined;
  const path = exactPath(root, commandWords(words));
  if (!path?.every((n) => n.kind === 'group')) return undefined;
  return words.includes('--json') ? 'json' : 'text';
}

/** The nodes `words` name from the root, or undefined if one of them names nothing. */
function exactPath(root: GroupDef, words: readonly string[]): Node[] | undefined {
  const path: Node[] = [root];
  for (const w of words) {
    const here = path[path.length - 1] as Node;
    const next = here.kind === 'group' ? childNamed(here, w) : undefined;
    if (!next) return undefined;
    path.push(next);
  }
  return path;
}

function beforeDashDash(argv: readonly string[]): readonly string[] {
  const end = argv.indexOf('--');
  return end === -1 ? argv : argv.slice(0, end);
}

/** The first flag in `words` that is not a global flag, -h/--help or one of `also`. */
function foreignFlag(words: readonly string[], also: readonly string[] = []): string | undefined {
  const known = new Set(['-h', '--help', ...also]);
  const shorts = new Set<string>(['h']);
  for (const f of globalFlags) {
    known.add(`--${f.name}`);
    if (f.negatable) known.add(`--no-${f.name}`);
    if (f.short) known.add(`-${f.short}`);
    if (f.short && !f.value) shorts.add(f.short);
  }
  const valued = new Set(globalFlags.filter((f) => f.value).flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (!w.startsWith('-') || w === '-') continue;
    if (valued.has(w)) i++;
    else if (w.includes('=') ? !valued.has(w.slice(0, w.indexOf('='))) : !known.has(w) && !bundledShorts(w, shorts)) return w;
  }
  return undefined;
}

/** `-vf` is -v and -f. */
function bundledShorts(w: string, shorts: ReadonlySet<string>): boolean {
  return /^-[^-]{2,}$/.test(w) && [...w.slice(1)].every((c) => shorts.has(c));
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
