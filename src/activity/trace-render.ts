import { activityMessage, isKnownEventType } from './format.js';
import { formatCreated } from './local-time.js';
import { payloadOf, text, triggerSubject } from './payload-text.js';
import { formatSpan } from './span-duration.js';
import type { TraceNode } from './trace.js';
import type { Paint } from '../lib/paint.js';
import type { Activity } from './types.js';

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

const eventOf = (n: TraceNode, type: string) => n.events.find((e) => e.event_type === type);
const quoted = (prefix: string, name: string) => (name === '' ? prefix : `${prefix} '${name}'`);

/** Continuation lines hang three columns in (see `walk`); a log's lines line up under its first one instead. */
const hanging = (label: string, log: string) => label + log.replace(/(\r?\n)+$/, '').replace(/\r?\n/g, `\n${' '.repeat(label.length - 3)}`);

function spanLabel(n: TraceNode): string {
  if (n.kind === 'trigger') {
    const executed = eventOf(n, 'trigger_executed');
    const subject = executed ? triggerSubject(payloadOf(executed)) : 'Trigger';
    return n.name === '' ? subject : `${subject} → '${n.name}'`;
  }
  if (n.kind === 'workflow') return quoted('Workflow', n.name);
  if (n.kind === 'step') {
    const started = eventOf(n, 'workflow_step_started');
    const p = started ? payloadOf(started) : {};
    const count = (v: unknown) => (typeof v === 'number' ? v.toFixed(0) : text(v));
    const step = p.current_step === undefined ? 'Step' : `Step ${count(p.current_step)} of ${count(p.total_steps)}`;
    return quoted(step, n.name);
  }
  const type = text(n.events.map((e) => payloadOf(e).function_type).find((t) => t !== undefined && t !== null));
  return quoted('Function', n.name) + (type === '' ? '' : ` (${type} function)`);
}

/** A leaf's text; its first line sits on the tree, the rest hang below it. */
function eventLabel(n: TraceNode): string {
  const a = n.events[0] as Activity;
  const p = payloadOf(a);
  switch (a.event_type) {
    case 'function_execution_output':
      return hanging('output: ', text(p.log));
    case 'trigger_payload_received':
      return hanging('payload: ', text(p.log));
    case 'datastore_request_result':
      return `${quoted('Datastore', text(p.datastore_name))} ${text(p.request_type)} ${n.status === 'failed' ? 'failed' : 'succeeded'} with '${text(p.details)}'`;
  }
  if (!isKnownEventType(a.event_type)) return `${a.event_type} ${activityMessage(a)}`;
  // The tree indents continuation lines itself, so the log format's tabs go.
  return activityMessage(a)
    .split('\n')
    .map((line) => line.replace(/^\t/, '').replace(/\t/g, '  '))
    .join('\n');
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
