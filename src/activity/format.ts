import { formatCreated } from './local-time.js';
import { describeActivity, isFailure } from '../lib/activity/message.js';
import { noPaint, type Paint } from '../lib/paint.js';
import type { Activity } from './types.js';

export interface FormatOptions {
  paint: Paint;
  /** IANA zone for the time column; the process time zone when absent. */
  timeZone?: string | undefined;
  /** The cloud before `function_deployment` entries; on by default when `paint` colours. */
  emoji?: boolean | undefined;
}

function levelColour(level: string, paint: Paint, gray: boolean): ((s: string) => string) | undefined {
  if (level === 'warn') return paint.yellow;
  if (isFailure(level)) return paint.red;
  return gray ? paint.gray : undefined;
}

/**
 * One printed entry as the official CLI prints it (contract §7.5):
 * `<time> [<level>] [<component_id>] (Trace=<trace_id>) <message>`, with per-event messages.
 * It may span several lines; every line is coloured on its own, so a pager or grep never sees a
 * colour run across a newline. Failure colours win over the gray of auth and deployment entries.
 */
export function formatActivity(a: Activity, o: FormatOptions): string {
  const m = describeActivity(a);
  const time = formatCreated(a.created, o.timeZone);
  const framed = m.lines.map((line) => {
    if (m.frame === 'bare') return line;
    if (m.frame === 'deployment') {
      const emoji = o.emoji ?? o.paint.gray('x') !== 'x';
      return `${emoji ? '☁️  ' : ''}${time} [${a.level}] ${line}`;
    }
    return `${time} [${a.level}] [${m.component ?? a.component_id}] (Trace=${a.trace_id}) ${line}`;
  });
  const colour = levelColour(a.level, o.paint, m.gray === true);
  const entry = framed.join('\n');
  return colour ? entry.split('\n').map(colour).join('\n') : entry;
}

/**
 * Whether `--search <query>` keeps this activity: a case-insensitive substring match against the
 * whole rendered entry without colour (time, level, component, trace ID and message), as the user sees it.
 */
export function matchesSearch(a: Activity, query: string, o: { timeZone?: string | undefined } = {}): boolean {
  return formatActivity(a, { paint: noPaint, timeZone: o.timeZone, emoji: false }).toLowerCase().includes(query.toLowerCase());
}
