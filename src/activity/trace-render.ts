import { formatCreated } from './local-time.js';
import { isKnownEventType } from '../lib/activity/message.js';
import { formatSpan } from '../lib/activity/span-duration.js';
import { eventLabel, spanLabel } from '../lib/activity/trace-labels.js';
import type { TraceNode } from '../lib/activity/trace.js';
import type { Paint } from '../lib/paint.js';

export interface TraceRenderOptions {
  paint: Paint;
  /** IANA zone for the start time in the heading; the process time zone when absent. */
  timeZone?: string | undefined;
}

interface Row {
  /** "+120 ms" from the start of the trace; empty on continuation lines. */
  offset: string;
  tree: string;
  body: string;
}

const MARKS = { ok: '✓ ', failed: '✗ ', unfinished: '… ' } as const;

function nodeLines(n: TraceNode, paint: Paint): { head: string; more: string[] } {
  const isSpan = n.kind !== 'event';
  const [first = '', ...rest] = (isSpan ? spanLabel(n) : eventLabel(n)).split(/\r?\n/);
  let head = (isSpan ? MARKS[n.status] : n.status === 'failed' ? MARKS.failed : '') + first;
  if (isSpan && n.component_id !== '') head += ` ${paint.dim(n.component_id)}`;
  if (n.duration_ms !== undefined) head += ` · ${formatSpan(n.duration_ms * 1000)}`;
  if (isSpan && n.status === 'unfinished') head += ' · no result';
  if (isSpan && n.status === 'failed') head += ' · failed';
  const more = [...rest];
  // An unknown event's JSON already carries its error.
  if (n.error !== undefined && n.error !== '' && (isSpan || isKnownEventType(n.name))) {
    const [e = '', ...eRest] = n.error.split(/\r?\n/);
    more.push(`error: ${e}`, ...eRest.map((l) => `  ${l}`));
  }
  const colour = n.status === 'failed' ? paint.red : n.level === 'warn' ? paint.yellow : undefined;
  return colour ? { head: colour(head), more: more.map(colour) } : { head, more };
}

function walk(parent: TraceNode, prefix: string, start: number, paint: Paint, rows: Row[]): void {
  parent.children.forEach((n, i) => {
    const last = i === parent.children.length - 1;
    const inner = prefix + (last ? '   ' : '│  ');
    const { head, more } = nodeLines(n, paint);
    const at = n.started_at ?? n.ended_at;
    const offset = at === undefined ? '' : `+${formatSpan(at - start)}`;
    rows.push({ offset, tree: prefix + (last ? '└─ ' : '├─ '), body: head });
    const hang = inner + (n.children.length > 0 ? '│  ' : '   ');
    for (const line of more) rows.push({ offset: '', tree: hang, body: line });
    walk(n, inner, start, paint, rows);
  });
}

const STATUS_WORDS = { ok: 'completed', failed: 'failed', unfinished: 'unfinished' } as const;

/**
 * The timeline tree of `buildTrace`'s result: a heading with the trace ID, start time, total duration and
 * outcome, then one line per node with its offset from the start, drawn with box characters. Failed spans
 * and events are red and marked ✗, with their error beneath.
 */
export function renderTrace(root: TraceNode, o: TraceRenderOptions): string {
  const { paint } = o;
  if (root.children.length === 0 || root.started_at === undefined) return 'No activities in this trace.';
  const status = STATUS_WORDS[root.status];
  const heading = [
    paint.bold(`Trace ${root.name}`),
    formatCreated(root.started_at, o.timeZone),
    formatSpan((root.duration_ms ?? 0) * 1000),
    root.status === 'failed' ? paint.red(status) : root.status === 'unfinished' ? paint.yellow(status) : status,
  ].join(' · ');
  const rows: Row[] = [];
  walk(root, '', root.started_at, paint, rows);
  const width = rows.reduce((w, r) => Math.max(w, r.offset.length), 0);
  return [heading, ...rows.map((r) => `${paint.gray(r.offset.padStart(width))}  ${paint.gray(r.tree)}${r.body}`)].join('\n');
}
