// The app's workflows as a trigger sees them: callback IDs and input parameters, from the same manifest deploy builds.
import { loadManifest, type LoadManifestOptions, type Manifest } from '../../deploy/bundle/manifest.js';
import type { ProjectHooks } from '../../deploy/bundle/run-hook.js';
import { isObject } from '../../lib/is-object.js';
import type { ManifestWorkflow, WorkflowInput } from '../../lib/trigger-rules/types.js';

/**
 * The workflows of the project's manifest (its `get-manifest` hook, else manifest.json/.ts/.js), in manifest order.
 * @throws the errors of {@link loadManifest}.
 */
export async function loadManifestWorkflows(root: string, hooks: ProjectHooks | undefined, opts: LoadManifestOptions): Promise<ManifestWorkflow[]> {
  return manifestWorkflows(await loadManifest(root, hooks, opts));
}

/**
 * `workflows.<callback_id>.input_parameters` = `{properties: {<name>: {type, …}}, required: [<name>, …]}` read
 * leniently: a shape the manifest gets wrong is for Slack's manifest validation to report, not the trigger's.
 */
export function manifestWorkflows(manifest: Manifest): ManifestWorkflow[] {
  const workflows = manifest.workflows;
  if (!isObject(workflows)) return [];
  return Object.entries(workflows).map(([callbackId, workflow]) => ({
    callbackId,
    inputs: inputParameters(isObject(workflow) ? workflow.input_parameters : undefined),
  }));
}

function inputParameters(params: unknown): WorkflowInput[] {
  if (!isObject(params) || !isObject(params.properties)) return [];
  const required = Array.isArray(params.required) ? params.required : [];
  return Object.entries(params.properties).map(([name, spec]) => ({
    name,
    type: isObject(spec) && typeof spec.type === 'string' ? spec.type : 'unknown',
    required: required.includes(name),
  }));
}
