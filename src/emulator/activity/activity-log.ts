import { micros, type Level } from './activity-rules.js';
import type { NewActivity } from './activities-store.js';
import type { EmulatorDeps } from '../deps.js';
import { newTraceId } from '../ids.js';

/** An event the platform itself records about what a request did. */
export interface PlatformEvent {
  appId: string;
  event_type: string;
  level?: Level;
  component_type?: string;
  component_id?: string;
  payload: Record<string, unknown>;
}

/**
 * Records the events of one request: they share a trace ID and a timestamp, as Slack's
 * events of one execution do, and land in each named app's log with source `slack`.
 */
export function logEvents(deps: EmulatorDeps, events: readonly PlatformEvent[]): void {
  if (events.length === 0) return;
  const now = deps.now();
  purge(deps, events, now);
  deps.store.activities.append(platformRows(events, now));
}

/**
 * As logEvents, written a moment later with others (the events of reads): the read answers without waiting
 * for the write, and a write that fails (a full disk) loses the events, never the read. Readers of the log
 * see them as if written at once, in order.
 */
export function logEventsLater(deps: EmulatorDeps, events: readonly PlatformEvent[]): void {
  if (events.length === 0) return;
  const now = deps.now();
  deps.store.activities.appendLater(platformRows(events, now), () => purge(deps, events, now));
}

function purge(deps: EmulatorDeps, events: readonly PlatformEvent[], now: number): void {
  for (const appId of new Set(events.map((e) => e.appId))) deps.store.activities.purgeExpired(appId, now);
}

/** One request's events: one trace ID and one timestamp, source `slack`. */
function platformRows(events: readonly PlatformEvent[], now: number): NewActivity[] {
  const trace = newTraceId();
  return events.map((e) => ({
    app_id: e.appId,
    level: e.level ?? 'info',
    event_type: e.event_type,
    source: 'slack',
    component_type: e.component_type ?? '',
    component_id: e.component_id ?? '',
    trace_id: trace,
    payload: e.payload,
    created: micros(now),
  }));
}

/** An event of one execution: the platform's, or (source `developer`) the function's own output. */
export interface ExecutionEvent extends PlatformEvent {
  source?: 'slack' | 'developer';
}

/**
 * Records events of one execution under its trace (runtime contract §6.6): each `created` later than
 * the trace's last one, in microseconds, so the log keeps the order things happened in even when they
 * happen in the same millisecond (steps, datastore calls made with the execution's token, results).
 * `startedAt` (Unix ms), when known, is when the execution started: no entry of its trace is older.
 */
export function logExecutionEvents(deps: EmulatorDeps, traceId: string, events: readonly ExecutionEvent[], o: { startedAt?: number } = {}): void {
  if (events.length === 0) return;
  const now = deps.now();
  deps.store.transaction(() => {
    const appId = (events[0] as ExecutionEvent).appId;
    deps.store.activities.purgeExpired(appId, now);
    let created = Math.max(micros(now), (deps.store.activities.lastCreated(appId, traceId, o.startedAt === undefined ? 0 : micros(o.startedAt)) ?? 0) + 1);
    deps.store.activities.append(
      events.map((e) => ({
        app_id: e.appId,
        level: e.level ?? 'info',
        event_type: e.event_type,
        source: e.source ?? 'slack',
        component_type: e.component_type ?? '',
        component_id: e.component_id ?? '',
        trace_id: traceId,
        payload: e.payload,
        created: created++,
      })),
    );
  });
}
