import * as z from 'zod/mini';
import { fetchNewest, streamAll } from '../../activity/fetch.js';
import { pageFetcher, type ActivityFilters } from '../../activity/query.js';
import { parseTimeBound } from '../../activity/since.js';
import { tail, type TailEvent } from '../../activity/tail.js';
import type { Context } from '../../context/context.js';
import { UsageError } from '../../errors/cli-error.js';
import type { RawInput } from '../../kit/define-command.js';
import { appOption } from '../../kit/global-options.js';
import { parseOptions } from '../../kit/parse-options.js';
import { activityApp } from './app.js';
import { Level, numberFlag, Text, TimeBound } from './options.js';
import { createPrinter } from './printer.js';

const Micros = numberFlag({ whole: true, min: 0, what: 'a Unix time in microseconds' });
const Options = z.object({
  ...appOption,
  tail: z.optional(z.boolean()),
  interval: z.optional(numberFlag({ whole: false, min: 0, exclusive: true, what: 'a number of seconds above 0' })),
  idle: z.optional(numberFlag({ whole: false, min: 0, what: 'a number of minutes (0 never stops)' })),
  level: z.optional(Level),
  limit: z.optional(numberFlag({ whole: true, min: 0, what: 'a whole number (0 for all)' })),
  since: z.optional(TimeBound),
  until: z.optional(TimeBound),
  minDateCreated: z.optional(Micros),
  maxDateCreated: z.optional(Micros),
  event: z.optional(Text),
  component: z.optional(Text),
  componentId: z.optional(Text),
  source: z.optional(Text),
  traceId: z.optional(Text),
  search: z.optional(Text),
});
type Options = z.infer<typeof Options>;

export function parse(raw: RawInput): Options {
  const o = parseOptions(Options, raw);
  const clash = (a: string, b: string) => new UsageError(`${a} cannot be used with ${b}`, { code: 'mismatched_flags' });
  // A tail runs into the future: an upper bound would end it before it began.
  if (o.tail && o.maxDateCreated !== undefined) throw clash('--tail', '--max-date-created');
  if (o.tail && o.until !== undefined) throw clash('--tail', '--until');
  if (o.since !== undefined && o.minDateCreated !== undefined) throw clash('--since', '--min-date-created');
  if (o.until !== undefined && o.maxDateCreated !== undefined) throw clash('--until', '--max-date-created');
  return o;
}

export async function run(ctx: Context, o: Options): Promise<void> {
  const appId = await activityApp(ctx, o.app, 'rosi activity');
  const now = ctx.clock.now();
  const bound = (text: string | undefined, micros: number | undefined) => (text === undefined ? micros || undefined : parseTimeBound(text, now));
  const filters: ActivityFilters = {
    minLevel: o.level ?? 'info',
    eventType: o.event,
    minCreated: bound(o.since, o.minDateCreated),
    maxCreated: bound(o.until, o.maxDateCreated),
    componentType: o.component,
    componentId: o.componentId,
    source: o.source,
    traceId: o.traceId,
  };
  const printer = createPrinter(ctx, o.search);
  const input = { fetch: pageFetcher(await ctx.api()), appId, filters, keep: printer.keep };
  const limit = o.limit ?? 100;

  if (o.tail) {
    if (ctx.io.isStderrTTY && !ctx.io.json) ctx.io.info(ctx.io.errColors.dim('Following new activity; Ctrl-C stops.'));
    await tail({
      ...input,
      backlog: limit,
      intervalMs: (o.interval ?? 3) * 1000,
      idleMs: (o.idle ?? 5) * 60_000,
      clock: ctx.clock,
      signal: ctx.signal,
      emit: (list) => printer.print(list),
      onEvent: (e) => report(ctx, e),
    });
    return;
  }
  if (limit === 0) await streamAll(input, (page) => printer.print(page));
  else await printer.print(await fetchNewest(input, limit));
  if (printer.count === 0 && !ctx.io.json) ctx.io.info('No activity matches.');
}

function report(ctx: Context, e: TailEvent): void {
  if (e.kind === 'lost') ctx.io.warn(`Connection lost (${e.reason}); reconnecting…`);
  else if (e.kind === 'reconnected') ctx.io.info('Reconnected.');
  else {
    const minutes = e.idleMs / 60_000;
    const span = Number.isInteger(minutes) ? `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}` : `${Math.round(e.idleMs / 100) / 10} s`;
    ctx.io.info(`No new activity for ${span}; stopping.`);
  }
}
