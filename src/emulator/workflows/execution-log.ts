import { logExecutionEvents, type ExecutionEvent } from '../activity/index.js';
import type { EmulatorDeps } from '../deps.js';

type Entry = Omit<ExecutionEvent, 'appId'>;

/** Writes one execution's activity entries: its app, its trace, in order (runtime contract §6.6). */
export class ExecutionLog {
  constructor(
    private readonly deps: EmulatorDeps,
    readonly appId: string,
    readonly traceId: string,
    /** When the execution started (Unix ms): none of its entries is older. */
    private readonly startedAt: number,
  ) {}

  write(...entries: Entry[]): void {
    logExecutionEvents(
      this.deps,
      this.traceId,
      entries.map((e) => ({ ...e, appId: this.appId })),
      { startedAt: this.startedAt },
    );
  }
}

/** The workflow's own function (`function_type: workflow`), a workflow's step function, or a built-in. */
export const functionEntry = (event_type: string, componentId: string, payload: Record<string, unknown>, failed = false): Entry => ({
  event_type,
  level: failed ? 'error' : 'info',
  component_type: 'functions',
  component_id: componentId,
  payload,
});

/** An entry about the workflow itself (component `Wf…`). */
export const workflowEntry = (event_type: string, workflowId: string, payload: Record<string, unknown>, failed = false): Entry => ({
  event_type,
  level: failed ? 'error' : 'info',
  component_type: 'workflows',
  component_id: workflowId,
  payload,
});

/** What the function printed, as Slack logs it: source developer (runtime contract §4.7). */
export const outputEntry = (componentId: string, log: string): Entry => ({
  event_type: 'function_execution_output',
  level: 'info',
  source: 'developer',
  component_type: 'functions',
  component_id: componentId,
  payload: { log },
});
