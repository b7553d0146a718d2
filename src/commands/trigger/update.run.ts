import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { localTimeZone, nextRunOf } from '../../triggers/next-run.js';
import { checkedTrigger, type CheckedTriggerRequest } from '../../triggers/project-triggers.js';
import { updateTrigger } from '../../triggers/requests.js';
import { checkDefinitionFlags, definitionOptions, definitionSource, needDefinitionOrTerminal, projectFor, uncheckedNote } from './definition.js';
import { explainingFlags } from './flag-fix.js';
import { triggerLines } from './render.js';
import { baseOptions, needTriggerIdOrTerminal, noteSeen, triggerIdFor, triggerIdOption, triggerTarget } from './target.js';

const Options = z.object({ ...baseOptions, ...triggerIdOption, ...definitionOptions });
type Options = z.infer<typeof Options>;

export function parse(raw: RawInput): Options {
  const o = parseOptions(Options, raw);
  checkDefinitionFlags(o);
  return o;
}

export async function run(ctx: Context, o: Options): Promise<void> {
  needTriggerIdOrTerminal(ctx, o, 'update');
  needDefinitionOrTerminal(ctx, o, 'update');
  const t = await triggerTarget(ctx, o.app, 'update');
  const project = await projectFor(ctx, t.root, o.verbose);
  // The definition is read and checked before a trigger is chosen: a mistake in it costs no listing.
  const src = await definitionSource(ctx, o, project, 'update');
  const run = { cwd: ctx.paths.cwd, root: project.root, flags: o, appId: t.appId };
  const fix = (id: string | undefined) => explainingFlags(src, { ...run, words: ['trigger', 'update', ...(id === undefined ? [] : ['--trigger-id', id])] });
  let request: CheckedTriggerRequest['request'];
  try {
    ({ request } = checkedTrigger(src, project, t.appId));
  } catch (e) {
    return fix(o.triggerId)(e);
  }
  const triggerId = await triggerIdFor(ctx, t, o);
  if (triggerId === undefined) return;
  const trigger = await updateTrigger(t.api, triggerId, request).catch(fix(triggerId));
  uncheckedNote(ctx, o.verbose, project);
  await noteSeen(ctx, t.appId, { add: [trigger] });
  const zone = localTimeZone(ctx.env);
  const next = trigger.type === 'scheduled' ? nextRunOf(trigger, ctx.clock.now()) : undefined;
  ctx.io.result(trigger, (tr, ui) => triggerLines(tr, zone, next).forEach((l) => ui.out(l)));
  if (!ctx.io.json) ctx.io.success(`Updated trigger ${trigger.id} on app ${t.appId}`);
}
