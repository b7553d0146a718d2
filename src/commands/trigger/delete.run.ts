import * as z from 'zod/mini';
import { rerunCommand } from '../../auth/follow-up.js';
import type { Context } from '../../context/context.js';
import { selectApp } from '../../apps/select-app.js';
import { CancelledError, UsageError } from '../../errors/cli-error.js';
import type { RawInput } from '../../kit/define-command.js';
import { forceOption } from '../../kit/global-options.js';
import { parseOptions } from '../../kit/parse-options.js';
import { deleteTrigger } from '../../triggers/requests.js';
import { baseOptions, checkTriggerId, needTriggerIdOrTerminal, noteSeen, triggerIdFor, triggerIdOption, triggerTarget } from './target.js';

const Options = z.object({ ...baseOptions, ...forceOption, ...triggerIdOption });
type Options = z.infer<typeof Options>;

export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  needTriggerIdOrTerminal(ctx, o, 'delete');
  // Nothing is asked or sent when no one could confirm: the answer is known before the app is picked.
  if (o.force !== true && !ctx.io.canPrompt()) throw await confirmationRequired(ctx, o, checkTriggerId(o.triggerId as string));
  const t = await triggerTarget(ctx, o.app, 'delete');
  const triggerId = await triggerIdFor(ctx, t, o);
  if (triggerId === undefined) return;
  if (o.force !== true) {
    const sure = await ctx.prompter.confirm('trigger-delete', `Delete trigger ${triggerId} of app ${t.appId}? Its URL stops working at once`, false);
    if (!sure) throw new CancelledError('Nothing was deleted');
  }
  await deleteTrigger(t.api, triggerId);
  await noteSeen(ctx, t.appId, { remove: triggerId });
  ctx.io.result({ trigger_id: triggerId, deleted: true }, () => {});
  if (!ctx.io.json) ctx.io.success(`Deleted trigger ${triggerId} from app ${t.appId}`);
}

/**
 * The refusal for a delete no one could confirm. Its hint names the app the project chose (read from the project
 * and the stored login, nothing sent), so the command runs as printed from any folder.
 */
async function confirmationRequired(ctx: Context, o: Options, id: string): Promise<UsageError> {
  const app = o.app ?? (await selectApp(ctx, { app: o.app, command: 'rosi trigger delete', offline: true }).catch(() => undefined))?.appId;
  return new UsageError(`Deleting trigger ${id} needs a confirmation, and there is no terminal to ask on`, {
    code: 'confirmation_required',
    hint: `Check the ID, then pass --force: ${rerunCommand(o, ['trigger', 'delete', '--trigger-id', id, '--force'], app)}`,
  });
}
