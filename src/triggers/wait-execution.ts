import { fetchNewest } from '../activity/fetch.js';
import { pageFetcher, type RawActivity } from '../activity/query.js';
import type { SlackApi } from '../api/client.js';
import { CancelledError } from '../errors/cli-error.js';
import type { Clock } from '../lib/clock.js';

export interface WaitOptions {
  clock: Clock;
  signal: AbortSignal;
  /** Between two looks at the log for the first minute; five times as long after it. */
  intervalMs: number;
  /** The longest wait; undefined is answered after it. */
  limitMs: number;
}

/** How a workflow execution ended, from its trace's activity log. */
export interface ExecutionEnd {
  status: 'completed' | 'failed';
  /** The workflow's error ("Function failed to execute"), when it failed. */
  error?: string | undefined;
  /** The step whose function failed, and its error, when the log names one. */
  failedStep?: { name: string; error: string } | undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Waits for the execution with this trace to end, looking at the app's activity log (`apps.activities.list`, the
 * trace's `workflow_execution_result`) every `intervalMs`: the one place both Slack and the emulator say how a
 * workflow ended. Undefined when it has not ended within `limitMs`.
 *
 * @throws CancelledError when the signal aborts (Ctrl-C).
 */
export async function waitForExecution(api: Pick<SlackApi, 'call'>, appId: string, traceId: string, o: WaitOptions): Promise<ExecutionEnd | undefined> {
  const fetch = pageFetcher(api);
  const newest = (eventType: string, n: number) => fetchNewest({ fetch, appId, filters: { minLevel: 'trace', traceId, eventType } }, n);
  const start = o.clock.now().getTime();
  for (;;) {
    const [result] = await newest('workflow_execution_result', 1);
    if (result) return endOf(result, await newest('function_execution_result', 100));
    const waited = o.clock.now().getTime() - start;
    if (waited >= o.limitMs) return undefined;
    // Most runs end within seconds; a long one need not cost a call a second for ten minutes.
    const interval = waited < 60_000 ? o.intervalMs : o.intervalMs * 5;
    await o.clock.sleep(Math.min(interval, o.limitMs - waited), o.signal).catch(() => {
      throw new CancelledError();
    });
  }
}

function endOf(result: RawActivity, functionResults: RawActivity[]): ExecutionEnd {
  const outcome = result.payload?.exec_outcome;
  const failed = result.level === 'error' || result.level === 'fatal' || (typeof outcome === 'string' && outcome !== 'Success');
  if (!failed) return { status: 'completed' };
  // The workflow's own function fails with the workflow's words; the step's function says what went wrong.
  const step = functionResults.find((a) => a.payload?.function_type !== 'workflow' && text(a.payload?.error) !== undefined);
  return {
    status: 'failed',
    error: text(result.payload?.error),
    failedStep: step
      ? { name: text(step.payload?.function_name) ?? text(step.component_id) ?? 'a step', error: text(step.payload?.error) as string }
      : undefined,
  };
}
