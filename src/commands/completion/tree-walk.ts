import type { ArgDef, CompletionSource, FlagDef, GroupDef, Node } from '../../kit/define-command.js';
import { globalFlags } from '../../kit/flags.js';

/** A flag as a shell sees it: the exact words that name it and whether a value follows. */
export interface FlagSpec {
  long: string;
  short?: string;
  takesValue: boolean;
  /** The value placeholder without brackets (`dir` for `<dir>`). */
  valueName?: string;
  description: string;
  /** Hidden flags are never offered, but the walkers still skip their values. */
  hidden: boolean;
  multiple: boolean;
  source?: CompletionSource;
}

export interface ArgSpec {
  name: string;
  description: string;
  optional: boolean;
  variadic: boolean;
  source?: CompletionSource;
}

export interface ChildSpec {
  name: string;
  aliases: readonly string[];
  summary: string;
}

/** One command or group, keyed by the canonical names leading to it (`['auth', 'list']`). */
export interface NodeSpec {
  path: readonly string[];
  kind: 'group' | 'command';
  summary: string;
  /** Visible sub-commands; empty for a command. */
  children: ChildSpec[];
  /** Flags of this node only; global flags are in `CompletionTree.globals`. */
  flags: FlagSpec[];
  args: ArgSpec[];
}

export interface CompletionTree {
  program: string;
  /** Accepted at every level: commander registers them on the root. */
  globals: FlagSpec[];
  /** Every visible node, parents before children, the root first. */
  nodes: NodeSpec[];
}

const helpFlag: FlagSpec = { long: '--help', short: '-h', takesValue: false, description: 'show help', hidden: false, multiple: false };
const versionFlag: FlagSpec = { long: '--version', takesValue: false, description: 'print the version', hidden: false, multiple: false };

/**
 * Flattens the definition tree into what completion scripts need. Hidden and deprecated
 * commands are left out entirely; hidden flags stay (marked) so a walker can skip their values.
 */
export function walkTree(root: GroupDef): CompletionTree {
  const nodes: NodeSpec[] = [];
  const visit = (node: Node, path: readonly string[]) => {
    const spec: NodeSpec = {
      path,
      kind: node.kind,
      summary: node.summary,
      children: [],
      flags: path.length === 0 ? [versionFlag] : [],
      args: [],
    };
    nodes.push(spec);
    if (node.kind === 'command') {
      spec.flags.push(...(node.flags ?? []).map(toFlagSpec));
      spec.args = (node.args ?? []).map(toArgSpec);
      return;
    }
    // `rosi activity --tail` runs the default command: its flags are the group's too.
    const fallback = node.commands.find((c) => c.name === node.defaultCommand);
    if (fallback?.kind === 'command') spec.flags.push(...(fallback.flags ?? []).map(toFlagSpec));
    for (const child of node.commands) {
      // A deprecated command still runs when typed, but Tab should not lead anyone to it.
      if (child.hidden || child.deprecated !== undefined) continue;
      spec.children.push({ name: child.name, aliases: child.aliases ?? [], summary: child.summary });
      visit(child, [...path, child.name]);
    }
  };
  visit(root, []);
  return { program: root.name, globals: [...globalFlags.map(toFlagSpec), helpFlag], nodes };
}

/** Flags a user may type at a node: its own, then the global ones. */
export function flagsAt(tree: CompletionTree, node: NodeSpec): FlagSpec[] {
  return [...node.flags, ...tree.globals];
}

export function pathKey(path: readonly string[]): string {
  return path.join(' ');
}

/** Every word that names a flag (`--team`, `-w`). */
export function flagWords(f: FlagSpec): string[] {
  return f.short ? [f.long, f.short] : [f.long];
}

function toFlagSpec(f: FlagDef): FlagSpec {
  const spec: FlagSpec = {
    long: `--${f.negatable ? 'no-' : ''}${f.name}`,
    takesValue: f.value !== undefined,
    description: f.description,
    hidden: f.hidden === true,
    multiple: f.multiple === true,
  };
  if (f.short) spec.short = `-${f.short}`;
  if (f.value) spec.valueName = f.value.replace(/^[<[]|[>\]]$/g, '');
  if (f.complete) spec.source = f.complete;
  return spec;
}

function toArgSpec(a: ArgDef): ArgSpec {
  const spec: ArgSpec = { name: a.name, description: a.description, optional: a.optional === true, variadic: a.variadic === true };
  if (a.complete) spec.source = a.complete;
  return spec;
}
