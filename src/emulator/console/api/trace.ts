import { formatSpan } from '../../../lib/activity/span-duration.js';
import { eventLabel, spanLabel } from '../../../lib/activity/trace-labels.js';
import { buildTrace, type TraceNode } from '../../../lib/activity/trace.js';
import { readActivityPage } from '../../activity/index.js';
import { ConsoleError, sendConsoleJson } from '../reply.js';
import { loggedApp, type LogRequest, type LogRoute } from './activity-app.js';
import type { ConsoleActivity, ConsoleTraceNode, TraceAnswer } from '../ui/pages/activity/wire.js';
import { consoleActivity } from './activity-rows.js';
import type { AppRow } from '../../apps/index.js';
import { appFlags } from '../cli-flags.js';

/** The most entries one trace answer holds: an execution writes tens; a runaway loop of outputs stops here. */
export const MAX_TRACE_ENTRIES = 5000;

function view(n: TraceNode, origin: number): ConsoleTraceNode {
  return {
    kind: n.kind,
    label: n.kind === 'event' ? eventLabel(n) : spanLabel(n),
    status: n.status,
    level: n.level,
    component_id: n.component_id,
    ...(n.started_at !== undefined && { start: n.started_at - origin }),
    ...(n.ended_at !== undefined && { end: n.ended_at - origin }),
    ...(n.duration_ms !== undefined && { duration: formatSpan(n.duration_ms * 1000) }),
    ...(n.error !== undefined && { error: n.error }),
    events: n.events as ConsoleActivity[],
    children: n.children.map((c) => view(c, origin)),
  };
}

/**
 * GET apps/<id>/traces/<trace id>: one execution as a timeline, built from its activity entries by the same code
 * as `rosi activity trace` (lib/activity/trace.ts), read through the same pages as `apps.activities.list`.
 */
function trace({ res, params, deps }: LogRequest): void {
  const { appId, variables } = loggedApp(deps, params[0] as string);
  const app = deps.store.apps.get(appId) as AppRow;
  const traceId = params[1] as string;
  const { rows, more } = readActivityPage(deps, { appId, traceId, direction: 'asc', limit: MAX_TRACE_ENTRIES });
  if (rows.length === 0) {
    throw new ConsoleError(404, 'trace_not_found', `App ${appId} has no activity with trace ID ${traceId}.`, {
      hint: `The app’s Activity page (/apps/${appId}/activity) lists its entries of the last 7 days, each with its trace; so does \`rosi activity ${appFlags(deps, { id: appId, team_id: app.team_id })}\`.`,
    });
  }
  const root = buildTrace(rows.map((r) => consoleActivity(r, variables)));
  const origin = root.started_at as number;
  const span = (root.ended_at ?? origin) - origin;
  const answer: TraceAnswer = {
    app_id: appId,
    trace_id: traceId,
    status: root.status,
    started_at: origin,
    span,
    duration: formatSpan(span),
    truncated: more,
    nodes: root.children.map((c) => view(c, origin)),
  };
  sendConsoleJson(res, 200, answer);
}

export const traceRoute: LogRoute = { method: 'GET', path: /^apps\/([^/]+)\/traces\/([^/]+)$/, handle: trace };
