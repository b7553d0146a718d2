import type { Context } from '../context/context.js';

/**
 * Values `rosi __complete <source>` finds in local files: logins, project apps, the project manifest's datastores,
 * the triggers rosi has seen for the app (triggers/known-triggers.ts), the project's trigger definition files.
 */
export type DynamicSource = 'teams' | 'apps' | 'datastores' | 'attributes' | 'triggers' | 'trigger-files';

/** How `__complete` finds dynamic values for an argument or a flag. */
export type CompletionSource = DynamicSource | 'files' | { values: readonly string[] };

export function isDynamicSource(source: CompletionSource): source is DynamicSource {
  return source === 'teams' || source === 'apps' || source === 'datastores' || source === 'attributes' || source === 'triggers' || source === 'trigger-files';
}

/** A source whose values are paths: when rosi offers none, the script offers the shell's file names (a file may be anywhere). */
export function fallsBackToFiles(source: CompletionSource): boolean {
  return source === 'trigger-files';
}

export interface FlagDef {
  /** Long name without dashes, kebab-case: `config-dir`. */
  name: string;
  short?: string;
  /** Placeholder for a value (`<dir>`); a flag without one is boolean. */
  value?: string;
  description: string;
  /** Boolean flags that default to on and are turned off with `--no-<name>`. */
  negatable?: boolean;
  /** Repeatable value flag: collected into an array. */
  multiple?: boolean;
  hidden?: boolean;
  complete?: CompletionSource;
}

export interface ArgDef {
  name: string;
  description: string;
  optional?: boolean;
  variadic?: boolean;
  complete?: CompletionSource;
}

export interface Example {
  meaning: string;
  command: string;
}

/** What a run module exports: the options schema's parse and the handler. */
export interface RunModule<O = unknown> {
  parse(raw: RawInput): O;
  /**
   * Ends with 0, or throws a CliError for a failure. A command that runs another program
   * (`emulator exec`) returns that program's exit code instead, which rosi exits with.
   */
  run(ctx: Context, opts: O): Promise<void | number>;
}

/** Positional values and flag values as commander collected them (flag names camelCased). */
export interface RawInput {
  args: Record<string, string | string[] | undefined>;
  flags: Record<string, unknown>;
  /** Unparsed words, for pass-through commands. */
  rest?: string[];
  /** The words after a bare `--`, verbatim, when argv has one (`emulator exec -- <command…>`). */
  afterDashDash?: string[];
  /** The whole command tree, for commands that declare `needsTree` (completion walks it). */
  tree?: GroupDef;
}

/**
 * A string flag's value from raw input (a global one, such as `configDir`), for the few
 * commands whose parse stays free of the schema library: `auth list` runs faster without
 * loading it (bench/startup.mjs). Other commands declare flags in their options schema.
 */
export function stringFlag(raw: RawInput, key: string): string | undefined {
  const v = raw.flags[key];
  return typeof v === 'string' ? v : undefined;
}

/** How settled a command or group is; help tags it, and completion leaves deprecated ones out. */
export interface Lifecycle {
  /** Usable, but its flags or output may still change. */
  status?: 'experimental' | 'beta';
  /** Still runs, but is on its way out; the text says what to use instead (`Use \`rosi x\` instead.`). */
  deprecated?: string;
}

export interface CommandDef extends Lifecycle {
  kind: 'command';
  name: string;
  summary: string;
  description?: string;
  aliases?: readonly string[];
  args?: readonly ArgDef[];
  flags?: readonly FlagDef[];
  examples?: readonly Example[];
  hidden?: boolean;
  /**
   * Take every word after the command's name verbatim, global flags aside (used by `__complete`):
   * no help, no flag checks; `parse` gets them as `rest`.
   */
  passThrough?: boolean;
  /** The runner hands `parse` the whole command tree as `raw.tree`, so no command imports it. */
  needsTree?: boolean;
  load: () => Promise<RunModule<unknown>>;
}

export interface GroupDef extends Lifecycle {
  kind: 'group';
  name: string;
  summary: string;
  description?: string;
  aliases?: readonly string[];
  hidden?: boolean;
  commands: readonly Node[];
  /** Shown in the group's help; a group with a default command shows that command's otherwise. */
  examples?: readonly Example[];
  /** The sub-command run when the group is invoked alone (`rosi auth` → `auth list`). */
  defaultCommand?: string;
}

export type Node = CommandDef | GroupDef;

export function defineCommand(def: Omit<CommandDef, 'kind'>): CommandDef {
  return { kind: 'command', ...def };
}

export function defineGroup(def: Omit<GroupDef, 'kind'>): GroupDef {
  return { kind: 'group', ...def };
}

/** The node a word names under a group (its name or an alias). */
export function childNamed(group: GroupDef, word: string): Node | undefined {
  return group.commands.find((n) => n.name === word || n.aliases?.includes(word));
}

/** The words that name a group's visible nodes, as a user may type them. */
export function visibleNames(group: GroupDef): string[] {
  return group.commands.filter((n) => !n.hidden).flatMap((n) => [n.name, ...(n.aliases ?? [])]);
}

/** The tag help shows beside a node's name, if any: a deprecation outranks a status. */
export function lifecycleTag(n: Lifecycle): string | undefined {
  return n.deprecated !== undefined ? 'deprecated' : n.status;
}

/** A top-level shortcut for a nested command (`rosi login` = `rosi auth login`). */
export function alias(name: string, target: CommandDef, summary = target.summary): CommandDef {
  return { ...target, name, summary, aliases: [] };
}
