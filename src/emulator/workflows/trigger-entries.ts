import { isObject } from '../../lib/is-object.js';
import { logEvents } from '../activity/index.js';
import type { AppRow } from '../apps/index.js';
import type { EmulatorDeps } from '../deps.js';
import { triggerWorkflow, workflowIds, type TriggerRow } from '../triggers/index.js';

/** The `trigger` of a trigger_executed entry (runtime contract §5.1). */
export function triggerPayload(trigger: TriggerRow, data: unknown) {
  return {
    id: trigger.id,
    type: trigger.type,
    config: { name: trigger.definition.name, description: trigger.definition.description },
    trip_information: tripInformation(data),
  };
}

/**
 * Who and where a trip happened, when its data says: a link trigger's user and channel, an event's user and
 * channel ('' for a workspace event without one); null for a webhook's, or an event with no `user_id`.
 */
function tripInformation(data: unknown): { user_id: string; channel_id: string } | null {
  if (!isObject(data) || typeof data.user_id !== 'string') return null;
  return { user_id: data.user_id, channel_id: typeof data.channel_id === 'string' ? data.channel_id : '' };
}

/** The workflow's `Wf…`/`Fn…` IDs and title, as its entries name them. */
export function workflowOfTrigger(trigger: TriggerRow, app: AppRow | undefined) {
  const callbackId = trigger.definition.workflow.slice('#/workflows/'.length);
  const workflow = app && triggerWorkflow(trigger, app);
  return { callbackId, workflow, title: workflow?.title ?? callbackId, ...workflowIds(trigger.app_id, callbackId) };
}

/** A trip that did not start its workflow: a trigger_executed error entry as Slack writes one, and no execution. */
export function logTriggerRefusal(deps: EmulatorDeps, trigger: TriggerRow, data: unknown, reason: string, errors: string[]): void {
  const { workflowId, title } = workflowOfTrigger(trigger, deps.store.apps.get(trigger.app_id));
  logEvents(deps, [
    {
      appId: trigger.app_id,
      event_type: 'trigger_executed',
      level: 'error',
      component_type: 'workflows',
      component_id: workflowId,
      // Slack sends the list as a string holding a JSON array.
      payload: { trigger: triggerPayload(trigger, data), function_name: title, reason, errors: JSON.stringify(errors) },
    },
  ]);
}
