import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { localTimeZone, nextRunOf } from '../../triggers/next-run.js';
import { triggerAccess, triggerInfo } from '../../triggers/requests.js';
import { accessJson, accessLines, triggerLines } from './render.js';
import { baseOptions, needTriggerIdOrTerminal, noteSeen, triggerIdFor, triggerIdOption, triggerTarget } from './target.js';

const Options = z.object({ ...baseOptions, ...triggerIdOption });
type Options = z.infer<typeof Options>;

export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  needTriggerIdOrTerminal(ctx, o, 'info');
  const t = await triggerTarget(ctx, o.app, 'info');
  const triggerId = await triggerIdFor(ctx, t, o);
  if (triggerId === undefined) return;
  const [trigger, access] = await Promise.all([triggerInfo(t.api, triggerId), triggerAccess(t.api, triggerId)]);
  await noteSeen(ctx, t.appId, { add: [trigger] });
  const zone = localTimeZone(ctx.env);
  const next = trigger.type === 'scheduled' ? nextRunOf(trigger, ctx.clock.now()) : undefined;
  ctx.io.result({ trigger, access: accessJson(access) }, (d, ui) => {
    for (const line of [...triggerLines(d.trigger, zone, next), ...accessLines(d.access).map((l) => `  ${l}`)]) ui.out(line);
  });
}
