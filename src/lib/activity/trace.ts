import { isFailure } from './message.js';
import { errorList, payloadOf, text } from './payload-text.js';
import type { Activity } from './activity.js';

export type TraceKind = 'trace' | 'trigger' | 'workflow' | 'step' | 'function' | 'event';
export type TraceStatus = 'ok' | 'failed' | 'unfinished';

/**
 * One node of an execution's timeline; plain data, so `JSON.stringify(buildTrace(…))` is the `--json` shape.
 * Spans (trigger, workflow, step, function) hold their own events and nest what happened while they ran;
 * every other activity is an `event` leaf. Times are `created` values (microseconds since the epoch).
 */
export interface TraceNode {
  kind: TraceKind;
  /** The trace IDs for the root; for spans the workflow, step or function name; for events the event type. */
  name: string;
  component_id: string;
  status: TraceStatus;
  /** The most severe level among the node's own events ("" for the root). */
  level: string;
  /** Absent when the span's start was not among the activities. */
  started_at?: number;
  /** Absent for spans without a result and for events. */
  ended_at?: number;
  duration_ms?: number;
  /** A failed span's or event's error text, as the platform reported it. */
  error?: string;
  /** The activities this node stands for: a span's started/result pair, an event's one activity. */
  events: Activity[];
  children: TraceNode[];
}

type SpanKind = 'trigger' | 'workflow' | 'step' | 'function';

const DEPTH: Record<TraceKind, number> = { trace: 0, trigger: 1, workflow: 2, step: 3, function: 4, event: 5 };
const OPENS: Record<string, SpanKind> = { workflow_execution_started: 'workflow', workflow_step_started: 'step', function_execution_started: 'function' };
const CLOSES: Record<string, SpanKind> = {
  workflow_execution_result: 'workflow',
  workflow_step_execution_result: 'step',
  function_execution_result: 'function',
};

/**
 * Order among activities created in the same microsecond: a span's life in its natural order (outer spans
 * open first, inner ones close first), anything else in between. Equal timestamps are common in emulated
 * or batched logs.
 */
const TIE_ORDER: Record<string, number> = {
  trigger_payload_received: 0,
  trigger_executed: 1,
  workflow_execution_started: 2,
  workflow_step_started: 3,
  function_execution_started: 4,
  function_execution_result: 6,
  workflow_step_execution_result: 7,
  workflow_execution_result: 8,
  workflow_billing_result: 9,
};
const tieRank = (a: Activity) => TIE_ORDER[a.event_type] ?? 5;

const SEVERITY: Record<string, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, fatal: 5 };
const worse = (a: string, b: string) => ((SEVERITY[b] ?? 2) > (SEVERITY[a] ?? 2) ? b : a);

function node(kind: TraceKind, a: Activity, name: string): TraceNode {
  return { kind, name, component_id: a.component_id, status: 'ok', level: a.level, started_at: a.created, events: [a], children: [] };
}

/**
 * A workflow's own function (`function_type: "workflow"`): Slack logs its start just before the workflow's and its
 * result just after (runtime contract §5.2, §5.3). It is the workflow seen as a function, so it joins the
 * workflow's span rather than being a span of its own.
 */
const isWorkflowFunction = (a: Activity) =>
  (a.event_type === 'function_execution_started' || a.event_type === 'function_execution_result') && payloadOf(a).function_type === 'workflow';

/** Steps learn their function's name only from their result. */
const spanName = (kind: SpanKind, p: Record<string, unknown>) => text(kind === 'workflow' ? p.workflow_name : p.function_name);

class Builder {
  readonly root: TraceNode = { kind: 'trace', name: '', component_id: '', status: 'ok', level: '', events: [], children: [] };
  /** The spans open at the current moment, outermost first; the root is always there. */
  private readonly open: TraceNode[] = [this.root];
  /** Workflow function starts waiting for their workflow to open. */
  private readonly early: Activity[] = [];
  /** The workflow span opened last, for a workflow function's result logged after the workflow's. */
  private lastWorkflow: TraceNode | undefined;

  add(a: Activity): void {
    if (isWorkflowFunction(a) && this.workflowFunction(a)) return;
    const opens = OPENS[a.event_type];
    const closes = CLOSES[a.event_type];
    if (opens) this.openSpan(opens, a);
    else if (closes) this.closeSpan(closes, a);
    else if (a.event_type === 'trigger_executed' || a.event_type === 'trigger_payload_received') this.trigger(a);
    else this.top().children.push(node('event', a, a.event_type));
  }

  private top(): TraceNode {
    return this.open[this.open.length - 1] as TraceNode;
  }

  /** Drops open spans at `kind`'s depth or deeper (they never reported a result) and returns the parent. */
  private unwindTo(kind: TraceKind): TraceNode {
    while (DEPTH[this.top().kind] >= DEPTH[kind]) this.open.pop();
    return this.top();
  }

  private openSpan(kind: SpanKind, a: Activity): void {
    const span = node(kind, a, spanName(kind, payloadOf(a)));
    span.status = 'unfinished';
    this.unwindTo(kind).children.push(span);
    this.open.push(span);
    if (kind !== 'workflow') return;
    this.lastWorkflow = span;
    const first = this.early[0];
    if (first) {
      span.events.unshift(...this.early.splice(0));
      span.started_at = first.created;
    }
  }

  /** Joins a workflow function's event to its workflow's span; false when there is no workflow to join. */
  private workflowFunction(a: Activity): boolean {
    if (a.event_type === 'function_execution_started') {
      const workflow = this.open.findLast((n) => n.kind === 'workflow');
      if (workflow) workflow.events.push(a);
      else this.early.push(a);
      return true;
    }
    const workflow = this.open.findLast((n) => n.kind === 'workflow') ?? this.lastWorkflow;
    if (!workflow) return false;
    workflow.events.push(a);
    workflow.level = worse(workflow.level, a.level);
    if (workflow.status !== 'unfinished') {
      workflow.ended_at = Math.max(workflow.ended_at ?? a.created, a.created);
      if (workflow.started_at !== undefined) workflow.duration_ms = (workflow.ended_at - workflow.started_at) / 1000;
    }
    if (isFailure(a.level)) {
      workflow.status = 'failed';
      const error = payloadOf(a).error;
      if (workflow.error === undefined && error !== undefined && error !== null) workflow.error = text(error);
    }
    return true;
  }

  /** Workflow function starts whose workflow never started: spans of their own, as any function's. */
  finish(): void {
    for (const a of this.early.splice(0)) this.openSpan('function', a);
  }

  private closeSpan(kind: SpanKind, a: Activity): void {
    const at = this.open.findLastIndex((n) => n.kind === kind);
    const span = at > 0 ? (this.open[at] as TraceNode) : undefined;
    if (span) {
      this.open.length = at;
      span.events.push(a);
      span.ended_at = a.created;
      if (span.started_at !== undefined) span.duration_ms = (a.created - span.started_at) / 1000;
    }
    const target = span ?? this.orphan(kind, a);
    const p = payloadOf(a);
    const name = spanName(kind, p);
    if (name !== '') target.name = name;
    target.level = worse(target.level, a.level);
    target.status = isFailure(a.level) ? 'failed' : 'ok';
    if (p.error !== undefined && p.error !== null) target.error = text(p.error);
  }

  /** A result whose start is missing (outside the fetched window) still gets its place at the nearest level. */
  private orphan(kind: SpanKind, a: Activity): TraceNode {
    const span: TraceNode = { kind, name: '', component_id: a.component_id, status: 'ok', level: a.level, ended_at: a.created, events: [a], children: [] };
    const parent = this.open.findLast((n) => DEPTH[n.kind] < DEPTH[kind]) ?? this.root;
    parent.children.push(span);
    return span;
  }

  /**
   * A trigger's payload and its result share one trigger node. The result may be logged after the
   * workflow it started, so a workflow already running without a trigger is adopted by it.
   */
  private trigger(a: Activity): void {
    const isPayload = a.event_type === 'trigger_payload_received';
    const current = this.open[1];
    const has = (t: TraceNode) => (isPayload ? t.children : [t]).some((c) => c.events.some((e) => e.event_type === a.event_type));
    let trigger = current?.kind === 'trigger' && !has(current) ? current : undefined;
    if (!trigger) {
      trigger = { kind: 'trigger', name: '', component_id: a.component_id, status: 'ok', level: a.level, started_at: a.created, events: [], children: [] };
      if (current && current.kind !== 'trigger') {
        this.root.children.splice(this.root.children.indexOf(current), 1, trigger);
        trigger.children.push(current);
        this.open.splice(1, 0, trigger);
      } else {
        this.unwindTo('trigger').children.push(trigger);
        this.open.push(trigger);
      }
    }
    if (isPayload) {
      trigger.children.push(node('event', a, a.event_type));
      return;
    }
    const p = payloadOf(a);
    trigger.events.push(a);
    trigger.name = text(p.function_name);
    trigger.component_id = a.component_id;
    trigger.level = worse(trigger.level, a.level);
    if (isFailure(a.level)) {
      trigger.status = 'failed';
      trigger.error = [text(p.reason), ...errorList(p.errors).map((e) => `- ${e}`)].join('\n');
    }
  }
}

/** Marks failed events and returns the worst status in the subtree: failed, then unfinished, then ok. */
function settle(n: TraceNode): TraceStatus {
  if (n.kind === 'event' && isFailure(n.level)) {
    n.status = 'failed';
    const error = payloadOf(n.events[0] as Activity).error;
    if (error !== undefined && error !== null) n.error = text(error);
  }
  let worst = n.status;
  for (const child of n.children) {
    const s = settle(child);
    if (s === 'failed' || (s === 'unfinished' && worst === 'ok')) worst = s;
  }
  return worst;
}

/**
 * Arranges the activities of one execution as a timeline tree: trigger → workflow → steps → functions,
 * with outputs, datastore calls and any other event under the span running when it happened. Nothing is
 * dropped: an event that fits nowhere hangs at the nearest open level, and a result without its start
 * becomes a span of its own. Input order does not matter.
 */
export function buildTrace(activities: readonly Activity[]): TraceNode {
  // The API answers newest first; within a microsecond its order is then newest first too.
  const newestFirst = (activities[0]?.created ?? 0) > (activities[activities.length - 1]?.created ?? 0) ? -1 : 1;
  const sorted = activities
    .map((a, i) => ({ a, i }))
    .sort((x, y) => x.a.created - y.a.created || tieRank(x.a) - tieRank(y.a) || (x.i - y.i) * newestFirst)
    .map((x) => x.a);
  const b = new Builder();
  for (const a of sorted) b.add(a);
  b.finish();
  const root = b.root;
  root.name = [...new Set(sorted.map((a) => a.trace_id))].join(', ');
  const first = sorted[0],
    last = sorted[sorted.length - 1];
  if (first && last) {
    root.started_at = first.created;
    root.ended_at = last.created;
    root.duration_ms = (last.created - first.created) / 1000;
  }
  root.status = settle(root);
  return root;
}
