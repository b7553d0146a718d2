import type { Activity } from '../../../../../lib/activity/activity.js';
import type { TraceKind, TraceStatus } from '../../../../../lib/activity/trace.js';

// What the activity and trace endpoints answer (api/activity.ts and api/trace.ts build it; this page reads it).

/** An activity as the console shows it: the wire's fields, its row ID (a key for the page), and its message as one line. */
export interface ConsoleActivity extends Activity {
  id: number;
  summary: string;
}

/** One answer of the activity endpoint: newest first, with the positions to read further either way. */
export interface ActivityAnswer {
  activities: ConsoleActivity[];
  /** Pass as `cursor` for the next older page; null when there is none. */
  older: string | null;
  /** Pass as `after` to read what is newer than everything shown; null while nothing is shown. */
  newest: string | null;
  /** On an `after` read: more newer entries exist than this answer holds (read the first page again). */
  more?: boolean;
}

/** A node of the timeline as the Trace page draws it: `rosi activity trace`'s tree, with its words and durations. */
export interface ConsoleTraceNode {
  kind: TraceKind;
  /** What `rosi activity trace` prints for it: "Workflow 'Greet'", "Step 1 of 2 'greet'", "output: hello". */
  label: string;
  status: TraceStatus;
  level: string;
  component_id: string;
  /** Microseconds since the trace's first entry; absent when the span's start was not logged. */
  start?: number;
  end?: number;
  /** "120 ms", "1.23 s". */
  duration?: string;
  error?: string;
  events: ConsoleActivity[];
  children: ConsoleTraceNode[];
}

export interface TraceAnswer {
  app_id: string;
  trace_id: string;
  status: TraceStatus;
  /** The first entry's `created` (microseconds since the epoch), and the whole trace's span in microseconds. */
  started_at: number;
  span: number;
  duration: string;
  /** More than the endpoint's limit of entries: the first ones are shown. */
  truncated: boolean;
  nodes: ConsoleTraceNode[];
}
