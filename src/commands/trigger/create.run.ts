import * as z from 'zod/mini';
import { rerunCommand } from '../../auth/follow-up.js';
import type { Context } from '../../context/context.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { localTimeZone, nextRunOf } from '../../triggers/next-run.js';
import { createFromSource } from '../../triggers/project-triggers.js';
import { checkDefinitionFlags, definitionOptions, definitionSource, needDefinitionOrTerminal, projectFor, uncheckedNote } from './definition.js';
import { explainingFlags } from './flag-fix.js';
import { triggerLines } from './render.js';
import { baseOptions, noteSeen, triggerTarget } from './target.js';

const Options = z.object({ ...baseOptions, ...definitionOptions });
type Options = z.infer<typeof Options>;

export function parse(raw: RawInput): Options {
  const o = parseOptions(Options, raw);
  checkDefinitionFlags(o);
  return o;
}

export async function run(ctx: Context, o: Options): Promise<void> {
  needDefinitionOrTerminal(ctx, o, 'create');
  const t = await triggerTarget(ctx, o.app, 'create');
  const project = await projectFor(ctx, t.root, o.verbose);
  const src = await definitionSource(ctx, o, project, 'create');
  const fix = explainingFlags(src, { cwd: ctx.paths.cwd, root: project.root, flags: o, appId: t.appId, words: ['trigger', 'create'] });
  const { trigger } = await createFromSource({ api: t.api, appId: t.appId, project }, src).catch(fix);
  uncheckedNote(ctx, o.verbose, project);
  await noteSeen(ctx, t.appId, { add: [trigger] });
  const zone = localTimeZone(ctx.env);
  const next = trigger.type === 'scheduled' ? nextRunOf(trigger, ctx.clock.now()) : undefined;
  ctx.io.result(trigger, (tr, ui) => triggerLines(tr, zone, next).forEach((l) => ui.out(l)));
  if (ctx.io.json) return;
  ctx.io.success(`Created trigger ${trigger.id} on app ${t.appId}`);
  ctx.io.info(`Choose who can run it: ${rerunCommand(o, ['trigger', 'access', '--trigger-id', trigger.id, '--everyone'], t.appId)}`);
}
