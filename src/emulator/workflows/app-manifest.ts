import { isObject } from '../../lib/is-object.js';
import type { AppRow } from '../apps/index.js';
import { stableId } from '../ids.js';
import { BUILTIN_PREFIX, builtinFunctionId, builtinTitle } from './builtins.js';
import type { AppFunction } from './invocation.js';
import { parameterSpecs } from './parameters.js';

// What the installed manifest says of a workflow's steps and the functions they run.

export interface Step {
  id: string;
  function_id: string;
  inputs: Record<string, unknown>;
}

/** The manifest's definition of the workflow, read leniently (manifest validation judged it at deploy). */
export function workflowDefinition(app: AppRow, callbackId: string): { input_parameters: unknown; steps: unknown } {
  const workflows = isObject(app.manifest.workflows) ? app.manifest.workflows : {};
  const w = isObject(workflows[callbackId]) ? workflows[callbackId] : {};
  return { input_parameters: w.input_parameters, steps: w.steps };
}

export function stepsOf(steps: unknown): Step[] {
  if (!Array.isArray(steps)) return [];
  return steps.map((s, i) => {
    const step = isObject(s) ? s : {};
    return {
      // The SDK numbers steps "0", "1", … (runtime contract §3.2); a step without an ID gets its index.
      id: typeof step.id === 'string' ? step.id : String(i),
      function_id: typeof step.function_id === 'string' ? step.function_id : '',
      inputs: isObject(step.inputs) ? step.inputs : {},
    };
  });
}

export type StepTarget = { id: string; title: string; type: string } & (
  | { kind: 'app'; fn: AppFunction }
  | { kind: 'builtin'; name: string }
  | { kind: 'unknown'; error: string }
);

/** What a step's `function_id` names: an app function of the manifest, a Slack built-in, or something the emulator cannot run. */
export function stepTarget(app: AppRow, ref: string): StepTarget {
  if (ref.startsWith(BUILTIN_PREFIX)) {
    const name = ref.slice(BUILTIN_PREFIX.length);
    return { kind: 'builtin', name, id: builtinFunctionId(name), title: builtinTitle(name), type: 'slack' };
  }
  if (ref.startsWith('#/functions/')) {
    const callbackId = ref.slice('#/functions/'.length);
    const fn = appFunction(app, callbackId);
    if (fn) return { kind: 'app', fn, id: fn.id, title: fn.title, type: 'app' };
    const id = stableId('Fn', app.id, 'function', callbackId);
    return { kind: 'unknown', id, title: callbackId, type: 'app', error: `function_not_found: the app's manifest has no function ${callbackId}` };
  }
  // Connectors and other namespaces (runtime contract §3.2).
  return {
    kind: 'unknown',
    id: stableId('Fn', 'connector', ref),
    title: ref,
    type: 'connector',
    error: `function_not_supported_by_emulator: the emulator does not run ${ref}`,
  };
}

function appFunction(app: AppRow, callbackId: string): AppFunction | undefined {
  const functions = isObject(app.manifest.functions) ? app.manifest.functions : {};
  const fn = functions[callbackId];
  if (!isObject(fn)) return undefined;
  return {
    callbackId,
    id: stableId('Fn', app.id, 'function', callbackId),
    title: typeof fn.title === 'string' ? fn.title : callbackId,
    description: typeof fn.description === 'string' ? fn.description : '',
    inputs: parameterSpecs(fn.input_parameters),
    outputs: parameterSpecs(fn.output_parameters),
  };
}

/** The app function's output parameters, for functions.completeSuccess to check against. */
export function functionOutputs(app: AppRow, functionRef: string) {
  return functionRef.startsWith('#/functions/') ? (appFunction(app, functionRef.slice('#/functions/'.length))?.outputs ?? []) : [];
}
