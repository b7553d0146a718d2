import type { DeployedTrigger } from '../../api/schemas/triggers.js';
import { isObject } from '../../lib/is-object.js';
import { manifestWorkflows } from '../../lib/trigger-rules/manifest-workflows.js';
import type { ManifestWorkflow } from '../../lib/trigger-rules/types.js';
import type { AppRow } from '../apps/index.js';
import { stableId } from '../ids.js';
import type { TriggerRow } from './triggers-store.js';

/** The wire's dates are Unix seconds; the emulator keeps milliseconds. */
const seconds = (ms: number) => Math.floor(ms / 1000);

const callbackIdOf = (ref: string) => ref.slice('#/workflows/'.length);

/** The workflow's function ID (`Fn…`) and its own ID (`Wf…`): the same for an app's workflow every time. */
export const workflowIds = (appId: string, callbackId: string) => ({
  functionId: stableId('Fn', appId, 'workflow', callbackId),
  workflowId: stableId('Wf', appId, callbackId),
});

/** The app manifest's workflow a trigger starts, or undefined once a new manifest dropped it. */
export function triggerWorkflow(t: TriggerRow, app: AppRow): ManifestWorkflow | undefined {
  const callbackId = callbackIdOf(t.definition.workflow);
  return manifestWorkflows(app.manifest).find((w) => w.callbackId === callbackId);
}

function workflowObject(t: TriggerRow, app: AppRow): NonNullable<DeployedTrigger['workflow']> {
  const callbackId = callbackIdOf(t.definition.workflow);
  const workflow = triggerWorkflow(t, app);
  const ids = workflowIds(app.id, callbackId);
  const name = isObject(app.manifest.display_information) ? app.manifest.display_information.name : undefined;
  return {
    id: ids.functionId,
    workflow_id: ids.workflowId,
    callback_id: callbackId,
    title: workflow?.title ?? callbackId,
    description: workflow?.description ?? '',
    type: 'workflow',
    input_parameters: (workflow?.inputs ?? []).map((i) => ({
      name: i.name,
      type: i.type,
      title: i.title ?? i.name,
      description: i.description ?? '',
      is_required: i.required,
    })),
    output_parameters: [],
    app_id: app.id,
    // The emulator keeps no app icons.
    app: { id: app.id, name: typeof name === 'string' ? name : app.id, icons: {}, is_workflow_app: false },
    date_created: seconds(app.created_at),
    date_updated: seconds(app.updated_at),
    // A workflow the manifest no longer has is gone since the manifest changed.
    date_deleted: workflow ? 0 : seconds(app.updated_at),
  };
}

/** `inputs` as Slack echoes them: each with locked and hidden, which triggers made through the API never set. */
function inputsObject(t: TriggerRow): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, input] of Object.entries(t.definition.inputs ?? {})) {
    out[name] = { ...input, locked: false, hidden: false };
  }
  return out;
}

/** The URLs that trip a trigger, on the host the client reached the emulator at. */
export const webhookUrl = (origin: string, t: Pick<TriggerRow, 'team_id' | 'id' | 'secret'>) => `${origin}/triggers/${t.team_id}/${t.id}/${t.secret}`;
export const shortcutUrl = (origin: string, t: Pick<TriggerRow, 'id' | 'secret'>) => `${origin}/shortcuts/${t.id}/${t.secret}`;

/** A trigger as create, update, info and list answer it (runtime contract §1.3). */
export function triggerObject(t: TriggerRow, app: AppRow, origin: string): DeployedTrigger {
  const d = t.definition;
  const filter = (o: Record<string, unknown> | undefined) => (isObject(o?.filter) ? { filter: o.filter } : {});
  return {
    id: t.id,
    type: t.type,
    name: d.name,
    description: d.description,
    workflow: workflowObject(t, app),
    inputs: inputsObject(t),
    outputs: {},
    date_created: seconds(t.created_at),
    date_updated: seconds(t.updated_at),
    ...(t.type === 'shortcut' && { shortcut_url: shortcutUrl(origin, t) }),
    ...(t.type === 'webhook' && { webhook_url: webhookUrl(origin, t), ...filter(d.webhook) }),
    ...(t.type === 'scheduled' && d.schedule && { schedule: { ...d.schedule } }),
    ...(t.type === 'event' && d.event && { event_type: d.event.event_type, ...filter(d.event) }),
  };
}
