import { fallsBackToFiles, isDynamicSource, type CompletionSource } from '../../kit/define-command.js';
import { fishQuote, oneLine } from './shell-words.js';
import { flagWords, pathKey, type CompletionTree, type FlagSpec } from './tree-walk.js';

/**
 * The fish script: a walker that finds the sub-command before the cursor (fish's own
 * `__fish_seen_subcommand_from` cannot tell `rosi login` from `rosi auth login`), then
 * one `complete` line per command, flag and argument, guarded by it.
 */
export function fishScript(tree: CompletionTree): string {
  const lines: string[] = [header, walker(tree), '# rosi never takes a file unless a flag or an argument says so.', 'complete -c rosi -f', ''];
  lines.push('# Flags every command accepts.');
  for (const f of tree.globals) if (!f.hidden) lines.push(flagLine('__rosi_flags_ok', f));
  for (const n of tree.nodes) {
    // Command names are plain words, so the path needs no escaping inside the quotes.
    const at = (what?: string) => `__rosi_at "${pathKey(n.path)}"${what === undefined ? '' : ` ${what}`}`;
    const entries: string[] = [];
    for (const c of n.children) {
      for (const word of [c.name, ...c.aliases])
        entries.push(`complete -c rosi -n ${fishQuote(at())} -a ${fishQuote(word)} -d ${fishQuote(oneLine(c.summary))}`);
    }
    for (const f of n.flags) if (!f.hidden) entries.push(flagLine(at('flag'), f));
    n.args.forEach((a, i) => {
      if (a.source) entries.push(`complete -c rosi -n ${fishQuote(at(a.variadic ? `${i}+` : String(i)))}${valueOptions(a.source)}`);
    });
    if (entries.length) lines.push('', `# ${[tree.program, ...n.path].join(' ')}`, ...entries);
  }
  return `${lines.join('\n')}\n`;
}

function flagLine(condition: string, f: FlagSpec): string {
  const names = `${f.short ? ` -s ${f.short.slice(1)}` : ''} -l ${f.long.slice(2)}`;
  const value = f.takesValue ? (f.source ? valueOptions(f.source, true) : ' -x') : '';
  return `complete -c rosi -n ${fishQuote(condition)}${names}${value} -d ${fishQuote(oneLine(f.description))}`;
}

/** `-r` marks an option's value as required; `-F` brings file names back. */
function valueOptions(source: CompletionSource, isOption = false): string {
  const required = isOption ? ' -r' : '';
  if (source === 'files') return `${required} -F`;
  const exclusive = isOption ? ' -x' : '';
  if (isDynamicSource(source) && fallsBackToFiles(source)) return `${exclusive} -a ${fishQuote(`(__rosi_dynamic_or_files ${source})`)}`;
  if (isDynamicSource(source)) return `${exclusive} -a ${fishQuote(`(__rosi_dynamic ${source})`)}`;
  return `${exclusive} -a ${fishQuote(source.values.map((v) => v.replace(/[^\w@%+=,./:-]/g, '\\$&')).join(' '))}`;
}

function walker(tree: CompletionTree): string {
  const groups = tree.nodes.filter((n) => n.kind === 'group');
  const childCases = groups.flatMap((g) =>
    g.children.map(
      (c) =>
        `        case ${[c.name, ...c.aliases].map((w) => fishQuote(`${pathKey(g.path)}|${w}`)).join(' ')}\n            echo ${fishQuote(pathKey([...g.path, c.name]))}`,
    ),
  );
  const globalValued = tree.globals.filter((f) => f.takesValue).flatMap(flagWords);
  const ownValued = tree.nodes.flatMap((n) =>
    n.flags
      .filter((f) => f.takesValue)
      .flatMap(flagWords)
      .map((w) => fishQuote(`${pathKey(n.path)}|${w}`)),
  );
  return `# The path of sub-command $argv[2] of group $argv[1].
function __rosi_child
    switch "$argv[1]|$argv[2]"
${childCases.join('\n')}
        case '*'
            return 1
    end
end

function __rosi_is_group
    contains -- "$argv[1]" ${groups.map((g) => fishQuote(pathKey(g.path))).join(' ')}
end

# Succeeds when flag $argv[2] takes a value at path $argv[1] (hidden flags too).
function __rosi_takes_value
    contains -- $argv[2] ${globalValued.join(' ')}; and return 0
${ownValued.length ? `    contains -- "$argv[1]|$argv[2]" ${ownValued.join(' ')}` : '    return 1'}
end

# Prints how many arguments follow the sub-command, 1 if \`--\` was typed, and the
# sub-command path (empty for rosi itself); fails on a word it does not know.
function __rosi_state
    set -l words (commandline -opc)
    set -e words[1]
    set -l path ''
    set -l nargs 0
    set -l pending 0
    set -l dashdash 0
    for w in $words
        if test $pending = 1
            set pending 0
            continue
        end
        if test $dashdash = 0; and string match -qr -- '^-.' $w
            if test $w = --
                set dashdash 1
            else if not string match -q -- '*=*' $w; and __rosi_takes_value "$path" $w
                set pending 1
            end
            continue
        end
        set -l child (__rosi_child "$path" $w)
        if test $nargs = 0; and test -n "$child"
            set path $child
        else if __rosi_is_group "$path"
            return 1
        else
            set nargs (math $nargs + 1)
        end
    end
    printf '%s\\n' $nargs $dashdash "$path"
end

# Succeeds when the cursor is at sub-command $argv[1]; with $argv[2] = flag, only before
# \`--\`; with a number, only at that argument (from 0; N+ for N and after).
function __rosi_at
    set -l state (__rosi_state); or return 1
    test "$state[3]" = "$argv[1]"; or return 1
    switch "$argv[2]"
        case ''
            return 0
        case flag
            test $state[2] = 0
        case '*+'
            test $state[1] -ge (string trim -r -c + -- $argv[2])
        case '*'
            test $state[1] = $argv[2]
    end
end

function __rosi_flags_ok
    set -l state (__rosi_state); and test $state[2] = 0
end

# Team, app, datastore or trigger values ($argv[1]) from \`rosi __complete\`, passing on --config-dir
# (and, for triggers, the --app typed before the word being completed).
function __rosi_dynamic
    set -l dir
    set -l app
    set -l next 0
    for w in (commandline -opc)
        if test $next = 1
            set dir $w
            set next 0
        else if test $next = 2
            set app $w
            set next 0
        else if test "$w" = --config-dir
            set next 1
        else if string match -q -- '--config-dir=?*' $w
            set dir (string replace -- '--config-dir=' '' $w)
        else if test "$argv[1]" = triggers; and contains -- "$w" --app -a
            set next 2
        else if test "$argv[1]" = triggers; and string match -q -- '--app=?*' $w
            set app (string replace -- '--app=' '' $w)
        end
    end
    set -l args $argv[1]
    test -n "$dir"; and set -a args --config-dir (string replace -r -- '^~' $HOME $dir)
    test -n "$app"; and set -a args --app $app
    set -l cur (commandline -ct | string replace -r -- '^-[^=]*=' '')
    string match -q -- '-*' "$cur"; and set cur ''
    # fish reports a missing command itself, past the 2>/dev/null.
    type -q rosi; or return 0
    rosi __complete $args -- "$cur" 2>/dev/null
end

# Values from \`rosi __complete\` that are paths; the shell's file names when rosi offers none.
function __rosi_dynamic_or_files
    set -l found (__rosi_dynamic $argv)
    if set -q found[1]
        printf '%s\\n' $found
    else
        __fish_complete_path (commandline -ct | string replace -r -- '^-[^=]*=' '')
    end
end
`;
}

const header = `# fish completion for rosi. Generated by \`rosi completion fish\`; regenerate it after upgrading rosi.
#
# Install it for your user:
#   rosi completion fish > ~/.config/fish/completions/rosi.fish
# or load it in the current shell:
#   rosi completion fish | source
#
# Commands and flags are completed from the table below, with no process started.
# Only team, app, datastore and trigger values run \`rosi __complete\`, which reads local files and
# never touches the network.
`;
