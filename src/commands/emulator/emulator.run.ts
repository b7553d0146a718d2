import type { Context } from '../../context/context.js';
import { CliError } from '../../errors/cli-error.js';
import type { RawInput } from '../../kit/define-command.js';

export const parse = (raw: RawInput) => raw;
export async function run(_ctx: Context, _o: RawInput): Promise<void> {
  throw new CliError('not_implemented', 'Not implemented yet');
}
