import type { Context } from '../../context/context.js';
import { UsageError } from '../../errors/cli-error.js';
import type { RawInput } from '../../kit/define-command.js';
import { completionScript, isShell, shells, type Shell } from './scripts.js';

export interface CompletionOptions {
  shell: Shell;
}

export function parse(raw: RawInput): CompletionOptions {
  const shell = raw.args.shell;
  if (typeof shell === 'string' && isShell(shell)) return { shell };
  const names = `${shells.slice(0, -1).join(', ')} or ${shells[shells.length - 1]}`;
  throw new UsageError(`Unknown shell ${JSON.stringify(shell ?? '')}; use ${names}`, {
    code: 'invalid_argument',
    hint: 'See `rosi completion --help` for how to install each script.',
  });
}

export async function run(ctx: Context, o: CompletionOptions): Promise<void> {
  // The tree is imported here, not at the top, so the definitions keep no cycle.
  const { rootGroup } = await import('../index.js');
  ctx.io.out(completionScript(o.shell, rootGroup).replace(/\n$/, ''));
}
