import type { AppRow } from '../../apps/index.js';
import type { EmulatorDeps } from '../../deps.js';
import { missingReferences } from '../../../lib/trigger-rules/templates.js';
import { loggablePath, triggerWorkflow, tripData, webhookUrl, type TriggerRow } from '../../triggers/index.js';
import { nextScheduledRun } from '../../workflows/index.js';
import type { TriggerView } from '../ui/pages/app/types.js';

/** The app's triggers, oldest first (as `rosi trigger list` prints them). */
export function triggerViews(app: AppRow, deps: EmulatorDeps): TriggerView[] {
  return deps.store.triggers.list({ appIds: [app.id], type: undefined, after: undefined, limit: undefined }).map((t) => triggerView(t, app, deps));
}

function triggerView(t: TriggerRow, app: AppRow, deps: EmulatorDeps): TriggerView {
  const d = t.definition;
  const workflow = triggerWorkflow(t, app);
  return {
    id: t.id,
    type: t.type,
    name: d.name,
    description: d.description ?? null,
    workflow: d.workflow,
    workflow_title: workflow ? (workflow.title ?? workflow.callbackId) : null,
    inputs: Object.keys(d.inputs ?? {}),
    data_paths: missingReferences(d.inputs ?? {}, { data: tripData(deps, t, {}), event_timestamp: 0 })
      .filter((path) => path.startsWith('data.'))
      .map((path) => path.slice('data.'.length)),
    ...(t.type === 'webhook' && { webhook_url: withoutSecret(deps.origin(), t) }),
    ...(t.type === 'scheduled' && { next_run: nextScheduledRun(deps, t) ?? null }),
    created_at: t.created_at,
  };
}

/** The webhook's URL with its secret part as `…`, as the request log shows it. */
function withoutSecret(origin: string, t: TriggerRow): string {
  const url = new URL(webhookUrl(origin, t));
  return `${url.origin}${loggablePath(url.pathname)}`;
}
