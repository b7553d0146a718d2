import type { SlackApi } from '../../api/client.js';
import { selectApp } from '../../apps/select-app.js';
import type { Context } from '../../context/context.js';
import { UsageError } from '../../errors/cli-error.js';
import { checkName } from '../../env/checks.js';
import { addressOptions } from '../../kit/global-options.js';

/** The flags every env command reads: --app, and those a printed command repeats (rerunCommand). */
export const baseOptions = { ...addressOptions };

/** The app the variables belong to and a client for it, picked as datastore and activity commands pick it. */
export async function envTarget(ctx: Context, app: string | undefined, verb: string): Promise<{ appId: string; root: string | undefined; api: SlackApi }> {
  const selected = await selectApp(ctx, { app, command: `rosi env ${verb}` });
  return { appId: selected.appId, root: selected.root, api: await ctx.api() };
}

/** Checks each positional name before anything is sent. */
export function checkNames(names: readonly string[]): void {
  if (names.length === 0) throw new UsageError('Name a variable', { code: 'missing_argument', hint: 'For example: rosi env unset API_KEY' });
  for (const n of names) checkName(n, '<name>');
}
