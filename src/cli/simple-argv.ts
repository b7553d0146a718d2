import { childNamed, type CommandDef, type FlagDef, type GroupDef, type Node, type RawInput } from '../kit/define-command.js';
import { globalFlags } from '../kit/flags.js';

/**
 * A command line read as commander reads it, without loading commander: command words naming a
 * command that takes no arguments, then only flags spelled plainly (`--json`, `--no-color`,
 * `--team T1`, `--team=T1`, `-w T1`) that the command or the global flags define. Anything else
 * (an argument, a typo, bundled or unknown flags, a value that looks like a flag, `--`, help, a
 * group's default command) is undefined, and commander reads it. The flags are keyed and
 * defaulted as commander's optsWithGlobals() has them; simple-argv.test.ts holds the two to it.
 */
export function simpleInvocation(root: GroupDef, argv: readonly string[]): { def: CommandDef; raw: RawInput } | undefined {
  let node: Node = root;
  let i = 0;
  for (; i < argv.length && !(argv[i] as string).startsWith('-'); i++) {
    if (node.kind !== 'group') return undefined;
    const next = childNamed(node, argv[i] as string);
    if (!next) return undefined;
    node = next;
  }
  if (node.kind !== 'command' || node.passThrough || node.args?.length) return undefined;
  const own = node.flags ?? [];
  // A name both levels define is the global flag's in commander, and `--x` beside `--no-x` changes
  // what commander starts the key at: both left to commander.
  const names = [...globalFlags, ...own].map((f) => f.name);
  if (new Set(names).size < names.length || own.some((f) => f.short !== undefined && globalFlags.some((g) => g.short === f.short))) return undefined;
  const flags: Record<string, unknown> = {};
  // Commander starts a `--no-x` flag's key at true.
  for (const f of [...globalFlags, ...own]) if (f.negatable) flags[keyOf(f)] = true;
  for (; i < argv.length; i++) {
    const word = argv[i] as string;
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const spelled = eq < 0 ? word : word.slice(0, eq);
    const flag = own.find((f) => spells(f, spelled)) ?? globalFlags.find((f) => spells(f, spelled));
    if (!flag || (eq >= 0 && !flag.value)) return undefined;
    if (!flag.value) {
      flags[keyOf(flag)] = !flag.negatable;
      continue;
    }
    const value = eq >= 0 ? word.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('-'))) return undefined;
    const key = keyOf(flag);
    flags[key] = flag.multiple ? [...((flags[key] as string[] | undefined) ?? []), value] : value;
  }
  return { def: node, raw: { args: {}, flags, ...(node.needsTree ? { tree: root } : {}) } };
}

/** `--name`, `--no-name` for a negatable flag, `-s`: never `-h`/`--help`, which no definition holds. */
function spells(f: FlagDef, word: string): boolean {
  return word === (f.negatable ? `--no-${f.name}` : `--${f.name}`) || (f.short !== undefined && word === `-${f.short}`);
}

/** The key commander gives a flag's value: its name in camelCase. */
const keyOf = (f: FlagDef) => f.name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
