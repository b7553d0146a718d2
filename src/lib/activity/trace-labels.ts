import { activityMessage, isKnownEventType } from './message.js';
import { payloadOf, text, triggerSubject } from './payload-text.js';
import type { TraceNode } from './trace.js';
import type { Activity } from './activity.js';

// The words of a trace's nodes: the CLI draws them as a tree (activity/trace-render.ts), the emulator's console as a timeline.

const eventOf = (n: TraceNode, type: string) => n.events.find((e) => e.event_type === type);
const quoted = (prefix: string, name: string) => (name === '' ? prefix : `${prefix} '${name}'`);

/** Continuation lines hang three columns in (see `walk`); a log's lines line up under its first one instead. */
const hanging = (label: string, log: string) => label + log.replace(/(\r?\n)+$/, '').replace(/\r?\n/g, `\n${' '.repeat(label.length - 3)}`);

/** A span's one-line name: "Workflow 'Greet'", "Step 1 of 2 'Greet someone'", "Function 'greet' (app function)". */
export function spanLabel(n: TraceNode): string {
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
export function eventLabel(n: TraceNode): string {
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
