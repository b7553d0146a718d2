import type { SqliteDatabase } from '../db/index.js';

export type WorkflowStatus = 'running' | 'completed' | 'failed';
export type FunctionStatus = 'running' | 'completed' | 'failed' | 'timed_out';

export interface WorkflowExecutionRow {
  id: string;
  trace_id: string;
  app_id: string;
  team_id: string;
  trigger_id: string;
  trip_id: number | null;
  callback_id: string;
  inputs: Record<string, unknown>;
  status: WorkflowStatus;
  error: string | null;
  started_at: number;
  ended_at: number | null;
}

export interface FunctionExecutionRow {
  id: string;
  workflow_execution_id: string;
  app_id: string;
  step_index: number;
  /** The step's `function_id`: `#/functions/<callback_id>` or a built-in's `slack#/functions/<name>`. */
  function_ref: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown> | null;
  error: string | null;
  status: FunctionStatus;
  started_at: number;
  ended_at: number | null;
}

export interface MessageRow {
  channel_id: string;
  ts: string;
  team_id: string;
  /** The app that posted it; null for a person's message. */
  app_id: string | null;
  /** The person who posted it; null for an app's (its bot user posted it). */
  user_id?: string | null;
  thread_ts: string | null;
  text: string | null;
  blocks: unknown;
  /** The execution that posted it, when a workflow did. */
  workflow_execution_id: string | null;
  function_execution_id: string | null;
  posted_at: number;
}

/** Told of every message the log records, once it is recorded. */
export type MessageListener = (message: MessageRow) => void;

type Stored<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | null };

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

/** Workflow and function executions, the trips taken, the scheduled occurrences fired, and the message log (what workflows and people posted). */
export class WorkflowsStore {
  private readonly messageListeners = new Set<MessageListener>();

  constructor(private readonly db: SqliteDatabase) {}

  /**
   * Calls `listener` after each message postMessage records, whoever posts it (a built-in, a Web API method,
   * a control endpoint): the one place message_posted events start from. Returns the way to stop listening.
   */
  onMessagePosted(listener: MessageListener): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /** Takes the trip for one run; false when it was taken before (by this emulator or another on the same database). */
  takeTrip(tripId: number, now: number): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO workflow_trip_takes (trip_id, taken_at) VALUES (?, ?)').run(tripId, now).changes === 1;
  }

  isTaken(tripId: number): boolean {
    return this.db.prepare('SELECT 1 FROM workflow_trip_takes WHERE trip_id = ?').get(tripId) !== undefined;
  }

  /** Marks a scheduled trigger's occurrence fired; false when it was fired before (once per occurrence, whoever ticks first). */
  fireOccurrence(triggerId: string, occurrenceAt: number, now: number): boolean {
    return (
      this.db.prepare('INSERT OR IGNORE INTO schedule_fires (trigger_id, occurrence_at, fired_at) VALUES (?, ?, ?)').run(triggerId, occurrenceAt, now)
        .changes === 1
    );
  }

  /** The latest occurrence of the trigger's schedule that has fired, if any. */
  lastFiredOccurrence(triggerId: string): number | undefined {
    const last = this.db.prepare('SELECT MAX(occurrence_at) FROM schedule_fires WHERE trigger_id = ?').pluck().get(triggerId) as number | null;
    return last ?? undefined;
  }

  insertWorkflow(w: Omit<WorkflowExecutionRow, 'status' | 'error' | 'ended_at'>): void {
    this.db
      .prepare(
        "INSERT INTO workflow_executions (id, trace_id, app_id, team_id, trigger_id, trip_id, callback_id, inputs, status, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)",
      )
      .run(w.id, w.trace_id, w.app_id, w.team_id, w.trigger_id, w.trip_id, w.callback_id, JSON.stringify(w.inputs), w.started_at);
  }

  endWorkflow(id: string, status: Exclude<WorkflowStatus, 'running'>, error: string | null, now: number): void {
    this.db.prepare("UPDATE workflow_executions SET status = ?, error = ?, ended_at = ? WHERE id = ? AND status = 'running'").run(status, error, now, id);
  }

  workflow(id: string): WorkflowExecutionRow | undefined {
    const row = this.db.prepare('SELECT * FROM workflow_executions WHERE id = ?').get(id) as Stored<WorkflowExecutionRow, 'inputs'> | undefined;
    return row && { ...row, inputs: parse(row.inputs) as Record<string, unknown> };
  }

  /** An app's workflow executions, newest first. */
  workflowsOf(appId: string, limit: number): WorkflowExecutionRow[] {
    const rows = this.db.prepare('SELECT * FROM workflow_executions WHERE app_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?').all(appId, limit) as Stored<
      WorkflowExecutionRow,
      'inputs'
    >[];
    return rows.map((row) => ({ ...row, inputs: parse(row.inputs) as Record<string, unknown> }));
  }

  /** Every workflow execution still marked running, oldest first. */
  runningWorkflows(): WorkflowExecutionRow[] {
    const rows = this.db.prepare("SELECT * FROM workflow_executions WHERE status = 'running' ORDER BY started_at").all() as Stored<
      WorkflowExecutionRow,
      'inputs'
    >[];
    return rows.map((row) => ({ ...row, inputs: parse(row.inputs) as Record<string, unknown> }));
  }

  insertFunction(f: Omit<FunctionExecutionRow, 'status' | 'outputs' | 'error' | 'ended_at'>): void {
    this.db
      .prepare(
        "INSERT INTO function_executions (id, workflow_execution_id, app_id, step_index, function_ref, inputs, status, started_at) VALUES (?, ?, ?, ?, ?, ?, 'running', ?)",
      )
      .run(f.id, f.workflow_execution_id, f.app_id, f.step_index, f.function_ref, JSON.stringify(f.inputs), f.started_at);
  }

  /** Ends a running function execution; false when it had already ended (the first ending wins). */
  endFunction(
    id: string,
    end: { status: Exclude<FunctionStatus, 'running'>; outputs?: Record<string, unknown> | undefined; error?: string | undefined },
    now: number,
  ): boolean {
    const r = this.db
      .prepare("UPDATE function_executions SET status = ?, outputs = ?, error = ?, ended_at = ? WHERE id = ? AND status = 'running'")
      .run(end.status, end.outputs === undefined ? null : JSON.stringify(end.outputs), end.error ?? null, now, id);
    return r.changes === 1;
  }

  function(id: string): FunctionExecutionRow | undefined {
    const row = this.db.prepare('SELECT * FROM function_executions WHERE id = ?').get(id) as Stored<FunctionExecutionRow, 'inputs' | 'outputs'> | undefined;
    return row && this.functionRow(row);
  }

  functionsOf(workflowExecutionId: string): FunctionExecutionRow[] {
    const rows = this.db.prepare('SELECT * FROM function_executions WHERE workflow_execution_id = ? ORDER BY step_index').all(workflowExecutionId) as Stored<
      FunctionExecutionRow,
      'inputs' | 'outputs'
    >[];
    return rows.map((row) => this.functionRow(row));
  }

  private functionRow(row: Stored<FunctionExecutionRow, 'inputs' | 'outputs'>): FunctionExecutionRow {
    return { ...row, inputs: parse(row.inputs) as Record<string, unknown>, outputs: parse(row.outputs) as Record<string, unknown> | null };
  }

  /**
   * Posts a message at a `ts` later than every message before it (Slack's ts: seconds, a dot, six digits of
   * microseconds), so two posts in the same millisecond still get distinct, ordered timestamps.
   */
  postMessage(m: Omit<MessageRow, 'ts'>, nowMicros: number): MessageRow {
    const posted = this.db
      .transaction(() => {
        const last = this.db.prepare('SELECT MAX(ts_micros) FROM workflow_messages').pluck().get() as number | null;
        const micros = Math.max(nowMicros, (last ?? 0) + 1);
        const ts = `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
        this.db
          .prepare(
            'INSERT INTO workflow_messages (channel_id, ts, ts_micros, team_id, app_id, user_id, thread_ts, text, blocks, workflow_execution_id, function_execution_id, posted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            m.channel_id,
            ts,
            micros,
            m.team_id,
            m.app_id,
            m.user_id ?? null,
            m.thread_ts,
            m.text,
            m.blocks === null || m.blocks === undefined ? null : JSON.stringify(m.blocks),
            m.workflow_execution_id,
            m.function_execution_id,
            m.posted_at,
          );
        return { ...m, user_id: m.user_id ?? null, ts };
      })
      .immediate();
    for (const listener of this.messageListeners) listener(posted);
    return posted;
  }

  /** A channel's messages, oldest first. */
  messages(channelId: string): MessageRow[] {
    const rows = this.db
      .prepare(
        'SELECT channel_id, ts, team_id, app_id, user_id, thread_ts, text, blocks, workflow_execution_id, function_execution_id, posted_at FROM workflow_messages WHERE channel_id = ? ORDER BY ts_micros',
      )
      .all(channelId) as Stored<MessageRow, 'blocks'>[];
    return rows.map((row) => ({ ...row, blocks: parse(row.blocks) }));
  }
}
