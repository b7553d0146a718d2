import * as z from 'zod/mini';
import type { DeployedTrigger } from '../../api/schemas/triggers.js';
import type { Context } from '../../context/context.js';
import type { RawInput } from '../../kit/define-command.js';
import { parsedFlag, parseOptions } from '../../kit/parse-options.js';
import { byCodeUnit } from '../../lib/compare.js';
import { isoInZone, localTimeZone, nextRunOf, type NextRun } from '../../triggers/next-run.js';
import { listTriggers } from '../../triggers/requests.js';
import { LIST_TYPES } from './list.js';
import { renderTriggerTable } from './render.js';
import { baseOptions, noteSeen, triggerTarget } from './target.js';

export const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

const PageSize = parsedFlag(
  (s) => (/^\d+$/.test(s.trim()) && Number(s) >= 1 && Number(s) <= MAX_PAGE_SIZE ? Number(s) : undefined),
  (s) => `"${s}" is not a page size: give a whole number from 1 to ${MAX_PAGE_SIZE}`,
);

const Options = z.object({
  ...baseOptions,
  type: z.optional(z.enum(LIST_TYPES, `use one of ${LIST_TYPES.join(', ')}`)),
  limit: z.optional(PageSize),
});
type Options = z.infer<typeof Options>;

export const parse = (raw: RawInput) => parseOptions(Options, raw);

/** A trigger as `--json` prints it: Slack's object, plus rosi's `next_run` for a scheduled one. */
type ListedTrigger = DeployedTrigger & { next_run?: string | null };

export async function run(ctx: Context, o: Options): Promise<void> {
  const t = await triggerTarget(ctx, o.app, 'list');
  const triggers: DeployedTrigger[] = [];
  for await (const page of listTriggers(t.api, { appId: t.appId, type: o.type, limit: o.limit ?? DEFAULT_PAGE_SIZE })) triggers.push(...page.triggers);
  // Grouped by type, oldest first within a type, as the official CLI lists them. Dates are whole seconds: triggers
  // made in the same second keep the order Slack answered them in (the sort is stable), not the random order of their IDs.
  triggers.sort((a, b) => byCodeUnit(a.type, b.type) || (a.date_created ?? 0) - (b.date_created ?? 0));
  const zone = localTimeZone(ctx.env);
  const now = ctx.clock.now();
  await noteSeen(ctx, t.appId, o.type && o.type !== 'all' ? { add: triggers } : { replace: triggers });
  const rows = triggers.map((trigger) => ({ trigger, next: trigger.type === 'scheduled' ? nextRunOf(trigger, now) : undefined }));
  const listed: ListedTrigger[] = rows.map(({ trigger, next }) => (next === undefined ? trigger : { ...trigger, next_run: nextRunJson(next, zone) }));
  ctx.io.result({ app_id: t.appId, triggers: listed }, (_d, ui) => {
    if (rows.length) renderTriggerTable(rows, zone, ui);
  });
  if (rows.length === 0 && !ctx.io.json) {
    const kind = o.type && o.type !== 'all' ? `${o.type} triggers` : 'triggers';
    ctx.io.info(`App ${t.appId} has no ${kind}.`);
  }
}

function nextRunJson(next: NextRun, zone: string): string | null {
  return next instanceof Date ? isoInZone(next, zone) : null;
}
