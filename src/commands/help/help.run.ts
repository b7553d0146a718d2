import type { Context } from '../../context/context.js';
import { UsageError } from '../../errors/cli-error.js';
import { childNamed, visibleNames, type GroupDef, type Node, type RawInput } from '../../kit/define-command.js';
import { didYouMean } from '../../lib/suggest.js';

export interface HelpOptions {
  words: string[];
  /** The command tree, handed over by the runner (the definition sets needsTree). */
  tree: GroupDef;
}

export function parse(raw: RawInput): HelpOptions {
  const words = raw.args.command;
  if (!raw.tree) throw new Error('`rosi help` was run without the command tree');
  return { words: Array.isArray(words) ? words : words ? [words] : [], tree: raw.tree };
}

/**
 * Help for words that name a command is printed before the parser loads (src/main.ts);
 * what reaches this handler names something that does not exist, and says what does.
 */
export async function run(_ctx: Context, o: HelpOptions): Promise<void> {
  let here: Node = o.tree;
  const path: string[] = [];
  for (const word of o.words) {
    const at = ['rosi', 'help', ...path].join(' ');
    if (here.kind !== 'group') {
      throw new UsageError(`\`rosi ${path.join(' ')}\` has no sub-command '${word}'`, { code: 'unknown_command', hint: `See \`${at}\`.` });
    }
    const next = childNamed(here, word);
    if (!next)
      throw new UsageError(`Unknown command '${word}'${didYouMean(word, visibleNames(here))}`, {
        code: 'unknown_command',
        hint: `See \`${at}\` for the commands.`,
      });
    path.push(next.name);
    here = next;
  }
  throw new Error(`help for \`rosi ${path.join(' ')}\` should have been printed before parsing`);
}
