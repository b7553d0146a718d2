import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { filterPasses } from '../../lib/trigger-rules/evaluate-filter.js';
import { missingReferences, type TripContext } from '../../lib/trigger-rules/templates.js';
import { logEvents } from '../activity/index.js';
import type { EmulatorDeps } from '../deps.js';
import { drainBody, readBody, sendJson } from '../http/index.js';
import { triggerWorkflow, workflowIds } from './trigger-object.js';
import type { TriggerRow } from './triggers-store.js';

/*
 * POST <webhook_url>: a webhook trigger tripped (runtime contract §1.5, §6.2 item 1). Slack documents only
 * the success answer, `{"ok": true}`; the failures are the emulator's choice, listed in its README. This
 * change starts nothing: a call that passes is recorded as a pending trip, for the workflow runner.
 */

/** `/triggers/<team_id>/<trigger_id>/<secret>`, the path of a trigger's webhook_url. */
export const WEBHOOK_PATH = /^\/triggers\/([^/]+)\/([^/]+)\/([^/]+)$/;

/** The path as a request log may show it: the secret is what lets anyone trip the trigger. */
export const loggablePath = (path: string) => path.replace(WEBHOOK_PATH, '/triggers/$1/$2/…');

const digest = (s: string) => createHash('sha256').update(s).digest();
// Compared as digests: equal lengths for timingSafeEqual, and the time taken says nothing of the secret.
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The trigger a webhook path names; unknown, deleted, not a webhook, another team's path or a wrong secret all look alike. */
function webhookTrigger(path: string, deps: EmulatorDeps): TriggerRow | undefined {
  const [, teamId, triggerId, secret] = WEBHOOK_PATH.exec(path) ?? [];
  const trigger = deps.store.triggers.get(triggerId ?? '');
  const matches = sameSecret(trigger?.secret ?? '', secret ?? '');
  return trigger && matches && trigger.team_id === teamId && trigger.type === 'webhook' ? trigger : undefined;
}

function jsonObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(utf8.decode(body));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export async function serveWebhook(req: IncomingMessage, res: ServerResponse, url: URL, deps: EmulatorDeps): Promise<void> {
  if (req.method !== 'POST') {
    await drainBody(req);
    res.setHeader('allow', 'POST');
    return sendJson(res, 405, { ok: false, error: 'method_not_allowed' });
  }
  const trigger = webhookTrigger(url.pathname, deps);
  if (!trigger) {
    await drainBody(req);
    return sendJson(res, 404, { ok: false, error: 'trigger_not_found' });
  }
  const body = await readBody(req, deps.triggers.maxWebhookBytes);
  if (!body.ok) return sendJson(res, 413, { ok: false, error: 'request_too_large' });
  const data = jsonObject(body.body);
  if (!data) return sendJson(res, 400, { ok: false, error: 'invalid_json' });

  const now = deps.now();
  const trip: TripContext = { data, event_timestamp: Math.floor(now / 1000) };
  // A call the filter turns away is not a failure: the sender did its part, and the workflow is not for this event.
  const filter = trigger.definition.webhook?.filter;
  if (filter !== undefined && !filterPasses(filter, trip)) return sendJson(res, 200, { ok: true });

  const problem = tripProblem(trigger, trip, deps);
  if (problem) {
    recordFailure(trigger, data, problem, now, deps);
    return sendJson(res, 400, { ok: false, error: problem.reason, errors: problem.errors });
  }
  const recorded = { trigger_id: trigger.id, app_id: trigger.app_id, team_id: trigger.team_id, data, tripped_at: now };
  const id = deps.store.triggers.recordTrip({ ...recorded, status: 'pending' });
  sendJson(res, 200, { ok: true });
  // Recorded first, so a trip outlives a crash between the two: the engine takes pending trips at start-up too.
  deps.workflows.tripRecorded({ id, ...recorded });
}

interface TripProblem {
  reason: 'parameter_validation_failed' | 'workflow_not_found';
  errors: string[];
}

/** Why the call cannot start the workflow: it is gone from the manifest, or required inputs the call cannot fill. */
function tripProblem(trigger: TriggerRow, trip: TripContext, deps: EmulatorDeps): TripProblem | undefined {
  const app = deps.store.apps.get(trigger.app_id);
  const workflow = app && triggerWorkflow(trigger, app);
  if (!workflow) return { reason: 'workflow_not_found', errors: [`The app's manifest has no workflow ${trigger.definition.workflow} any more`] };
  const inputs = trigger.definition.inputs ?? {};
  const errors = workflow.inputs
    .filter((param) => {
      if (!param.required) return false;
      const given = inputs[param.name];
      return !given || !('value' in given) || given.value === null || missingReferences(given.value, trip).length > 0;
    })
    // The words Slack's activity log uses for it.
    .map((param) => `Null value for non-nullable parameter \`${param.name}\``);
  return errors.length > 0 ? { reason: 'parameter_validation_failed', errors } : undefined;
}

/** A trip that cannot start its workflow: kept as failed, and logged as Slack logs it (runtime contract §5.1). */
function recordFailure(trigger: TriggerRow, data: Record<string, unknown>, { reason, errors }: TripProblem, now: number, deps: EmulatorDeps): void {
  const app = deps.store.apps.get(trigger.app_id);
  const workflow = app && triggerWorkflow(trigger, app);
  const callbackId = trigger.definition.workflow.slice('#/workflows/'.length);
  deps.store.transaction(() => {
    deps.store.triggers.recordTrip({
      trigger_id: trigger.id,
      app_id: trigger.app_id,
      team_id: trigger.team_id,
      status: 'failed',
      data,
      reason,
      errors,
      tripped_at: now,
    });
    logEvents(deps, [
      {
        appId: trigger.app_id,
        event_type: 'trigger_executed',
        level: 'error',
        component_type: 'workflows',
        component_id: workflowIds(trigger.app_id, callbackId).workflowId,
        payload: {
          trigger: {
            id: trigger.id,
            type: trigger.type,
            config: { name: trigger.definition.name, description: trigger.definition.description },
            trip_information: null,
          },
          function_name: workflow?.title ?? callbackId,
          reason,
          // Slack sends this list as a string holding a JSON array.
          errors: JSON.stringify(errors),
        },
      },
    ]);
  });
}
