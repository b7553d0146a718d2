import type { Context } from '../../context/context.js';
import { UsageError } from '../../errors/cli-error.js';
import type { GroupDef, RawInput } from '../../kit/define-command.js';
import { completionScript, isShell, shells, type Shell } from './scripts.js';

export interface CompletionOptions {
  shell: Shell;
  /** The command tree the script completes, handed over by the runner (the definition sets needsTree). */
  tree: GroupDef;
}

export function parse(raw: RawInput): CompletionOptions {
  const shell = raw.args.shell;
  if (typeof shell === 'string' && isShell(shell)) {
    if (!raw.tree) throw new Error('`rosi completion` was run without the command tree');
    return { shell, tree: raw.tree };
  }
  const names = `${shells.slice(0, -1).join(', ')} or ${shells[shells.length - 1]}`;
  throw new UsageError(`Unknown shell ${JSON.stringify(shell ?? '')}; use ${names}`, {
    code: 'invalid_argument',
    hint: 'See `rosi completion --help` for how to install each script.',
  });
}

export async function run(ctx: Context, o: CompletionOptions): Promise<void> {
  ctx.io.out(completionScript(o.shell, o.tree).replace(/\n$/, ''));
}
