import * as z from 'zod/mini';
import { streamAll } from '../../activity/fetch.js';
import { pageFetcher, toActivity } from '../../activity/query.js';
import { renderTrace } from '../../activity/trace-render.js';
import { buildTrace } from '../../lib/activity/trace.js';
import type { Activity } from '../../activity/types.js';
import type { Context } from '../../context/context.js';
import { CliError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { RawInput } from '../../kit/define-command.js';
import { appOption } from '../../kit/global-options.js';
import { parseOptions } from '../../kit/parse-options.js';
import { activityApp } from './app.js';
import { Text } from './options.js';
import { zoneOf } from './printer.js';

const Options = z.object({ ...appOption, trace_id: Text });
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const appId = await activityApp(ctx, o.app, 'rosi activity trace');
  const activities: Activity[] = [];
  // Every level: a trace is only whole with its debug output too.
  await streamAll({ fetch: pageFetcher(await ctx.api()), appId, filters: { minLevel: 'trace', traceId: o.trace_id } }, async (page) => {
    for (const a of page) activities.push(toActivity(a));
  });
  if (activities.length === 0) {
    throw new CliError('trace_not_found', `No activity of app ${appId} has trace ID ${o.trace_id}`, ExitCode.failed, {
      hint: 'Trace IDs are in every line of `rosi activity` (Trace=…); activity is kept for 7 days.',
    });
  }
  const timeZone = zoneOf(ctx.env.TZ);
  ctx.io.result(buildTrace(activities), (tree, ui) => ui.out(renderTrace(tree, { paint: ui.colors, timeZone })));
}
