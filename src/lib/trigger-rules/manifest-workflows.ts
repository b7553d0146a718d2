// An app manifest's workflows as triggers see them: callback IDs, titles and input parameters. Pure, so the
// emulator reads an installed manifest with the same rules rosi reads a project's.
import { isObject } from '../is-object.js';
import type { ManifestWorkflow, WorkflowInput } from './types.js';

/**
 * `workflows.<callback_id>` = `{title, description, input_parameters: {properties: {<name>: {type, title, description}},
 * required: [<name>, …]}}`, in manifest order, read leniently: a shape the manifest gets wrong is for manifest
 * validation to report, not the trigger's.
 */
export function manifestWorkflows(manifest: Record<string, unknown>): ManifestWorkflow[] {
  const workflows = manifest.workflows;
  if (!isObject(workflows)) return [];
  return Object.entries(workflows).map(([callbackId, workflow]) => {
    const w = isObject(workflow) ? workflow : {};
    return {
      callbackId,
      inputs: inputParameters(w.input_parameters),
      ...(typeof w.title === 'string' && { title: w.title }),
      ...(typeof w.description === 'string' && { description: w.description }),
    };
  });
}

/**
 * A manifest's `input_parameters` or `output_parameters` (of a workflow or a function) as a list, read leniently:
 * `{properties: {<name>: {type, title, description}}, required: [<name>, …]}`.
 */
export function inputParameters(params: unknown): WorkflowInput[] {
  if (!isObject(params) || !isObject(params.properties)) return [];
  const required = Array.isArray(params.required) ? params.required : [];
  return Object.entries(params.properties).map(([name, spec]) => {
    const s = isObject(spec) ? spec : {};
    return {
      name,
      type: typeof s.type === 'string' ? s.type : 'unknown',
      required: required.includes(name),
      ...(typeof s.title === 'string' && { title: s.title }),
      ...(typeof s.description === 'string' && { description: s.description }),
    };
  });
}
