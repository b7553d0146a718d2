// A project's trigger definitions, from file (or flags) to a created trigger: found under the trigger paths, read,
// checked against the project's manifest and sent with the selected app's ID. `rosi trigger create|update` use it,
// and a deploy can offer the same after it is done.
import type { SlackApi } from '../api/client.js';
import type { DeployedTrigger, TriggerRequest } from '../api/schemas/triggers.js';
import { loadHooks } from '../deploy/bundle/hooks.js';
import type { HookOutputListener, ProjectHooks } from '../deploy/bundle/run-hook.js';
import { isCliError } from '../errors/cli-error.js';
import { isObject } from '../lib/is-object.js';
import type { ManifestWorkflow, TriggerRequest as CheckedTrigger } from '../lib/trigger-rules/types.js';
import { validateTrigger } from '../lib/trigger-rules/validate.js';
import { checkTrigger } from './definition/error.js';
import { loadManifestWorkflows } from './definition/manifest-workflows.js';
import { readTriggerDefinition } from './definition/read.js';
import { findTriggerDefinitionFiles, triggerPaths } from './definition-files.js';
import { InvalidTriggerFlagsError, type TriggerFlagsSource } from './flag-trigger.js';
import { createTrigger } from './requests.js';

type Api = Pick<SlackApi, 'call'>;

export interface ProjectOptions {
  /** The CLI's environment, for the hooks. */
  env: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal | undefined;
  onOutput?: HookOutputListener | undefined;
}

/** What a trigger needs from the project it belongs to. */
export interface TriggerProject {
  /** The project folder; undefined when rosi runs outside one (`--app` with a token). */
  root: string | undefined;
  hooks: ProjectHooks | undefined;
  /** The manifest's workflows; undefined when there is no manifest to check a trigger's workflow against. */
  workflows: ManifestWorkflow[] | undefined;
}

/**
 * The project's hooks and its manifest's workflows. No project, or a project without a manifest, is no error:
 * the definition is then checked without its workflow (see {@link checkedTrigger}). A manifest that exists but
 * cannot be read is an error, as it is for a deploy.
 */
export async function loadTriggerProject(root: string | undefined, o: ProjectOptions): Promise<TriggerProject> {
  if (root === undefined) return { root, hooks: undefined, workflows: undefined };
  const hookOptions = { env: o.env, ...(o.signal && { signal: o.signal }), ...(o.onOutput && { onOutput: o.onOutput }) };
  const hooks = await loadHooks(root, hookOptions).catch((e: unknown) => {
    // A project marked by a legacy slack.json has no hooks file: it simply has no hooks.
    if (isCliError(e) && e.code === 'invalid_app_directory') return undefined;
    throw e;
  });
  const workflows = await loadManifestWorkflows(root, hooks, hookOptions).catch((e: unknown) => {
    if (isCliError(e) && e.code === 'manifest_not_found') return undefined;
    throw e;
  });
  return { root, hooks, workflows };
}

/** The trigger paths of the project and the definition files found there (relative to the project folder). */
export async function projectTriggerFiles(project: TriggerProject & { root: string }): Promise<{ patterns: string[]; files: string[] }> {
  const patterns = triggerPaths(project.hooks?.config);
  return { patterns, files: await findTriggerDefinitionFiles(project.root, patterns) };
}

/** A definition not yet checked, and the name messages give it. */
export interface TriggerSource {
  definition: unknown;
  /** The file as the user named it, or the flags it was made from. */
  source: string;
  /** Set when the definition was made from --workflow and its property flags. */
  flags?: TriggerFlagsSource | undefined;
}

/**
 * The definition in a file (.json, .ts/.js, or through the project's get-trigger hook), as
 * {@link readTriggerDefinition} reads it. A relative path is relative to `cwd`.
 */
export async function readDefinitionFile(path: string, project: TriggerProject, o: ProjectOptions & { cwd: string }): Promise<TriggerSource> {
  const { definition } = await readTriggerDefinition(path, {
    cwd: o.cwd,
    root: project.root ?? o.cwd,
    hooks: project.hooks,
    env: o.env,
    ...(o.signal && { signal: o.signal }),
    ...(o.onOutput && { onOutput: o.onOutput }),
  });
  return { definition, source: path };
}

export interface LinkTriggerFlags {
  /** `#/workflows/<callback_id>`, or the bare callback ID. */
  workflow: string;
  title?: string | undefined;
  description?: string | undefined;
  /** Pass the click on as the named workflow input (`{{data.interactivity}}`). */
  interactivityName?: string | undefined;
}

export const DEFAULT_TRIGGER_TITLE = 'My Trigger';
export const DEFAULT_INTERACTIVITY_INPUT = 'interactivity';

/** The link (shortcut) trigger the official CLI's property flags describe, as a definition. */
export function linkTriggerDefinition(f: LinkTriggerFlags): TriggerSource {
  const workflow = f.workflow.startsWith('#/') ? f.workflow : `#/workflows/${f.workflow}`;
  const definition: Record<string, unknown> = {
    type: 'shortcut',
    name: f.title ?? DEFAULT_TRIGGER_TITLE,
    description: f.description ?? `Runs the '${workflow}' workflow`,
    shortcut: {},
    workflow,
    ...(f.interactivityName !== undefined && { inputs: { [f.interactivityName]: { value: '{{data.interactivity}}' } } }),
  };
  const given = [
    '--workflow',
    f.title !== undefined && '--title',
    f.description !== undefined && '--description',
    f.interactivityName !== undefined && '--interactivity',
  ];
  const flags = given.filter((x): x is string => typeof x === 'string').join('/');
  const callbackId = workflow.replace(/^#\/workflows\//, '');
  return { definition, source: flags, flags: { flags, callbackId, definition } };
}

export interface CheckedTriggerRequest {
  request: TriggerRequest;
  /** False when there was no manifest, so the workflow and its inputs were taken on trust. */
  workflowChecked: boolean;
}

/**
 * The definition checked (every problem at once, exit 2, nothing sent) and turned into the request body, with
 * `workflow_app_id` set to the selected app so one file serves every app of the project. Without a manifest the
 * rest of the definition is still checked, but the workflow it names and the inputs it gives are taken on trust:
 * Slack checks them when the trigger is sent.
 */
export function checkedTrigger(src: TriggerSource, project: TriggerProject, appId: string): CheckedTriggerRequest {
  const workflows = project.workflows ?? trustedWorkflow(src.definition);
  const checked = src.flags ? checkTriggerFlags(src.flags, workflows) : checkTrigger(src.definition, workflows, src.source);
  return { request: onTheWire(checked, appId), workflowChecked: project.workflows !== undefined };
}

/** The workflow a definition names, as if the manifest declared it with exactly the inputs the definition gives. */
function trustedWorkflow(def: unknown): ManifestWorkflow[] {
  if (!isObject(def) || typeof def.workflow !== 'string') return [];
  const callbackId = /^#\/workflows\/([^/]+)$/.exec(def.workflow)?.[1];
  if (!callbackId) return [];
  const names = isObject(def.inputs) ? Object.keys(def.inputs) : [];
  // Required strings: the loosest declaration under which each given input, customizable or not, is allowed.
  return [{ callbackId, inputs: names.map((name) => ({ name, type: 'string', required: true })) }];
}

function checkTriggerFlags(flags: TriggerFlagsSource, workflows: readonly ManifestWorkflow[]): CheckedTrigger {
  const result = validateTrigger(flags.definition, { workflows });
  if (!result.ok) throw new InvalidTriggerFlagsError(flags, result.errors);
  return result.request;
}

function onTheWire(t: CheckedTrigger, appId: string): TriggerRequest {
  // The checked definition keeps input values of any JSON type, as the SDK's client sends them; the wire type
  // spells the official CLI's string-only struct, so the values are passed through as they are.
  const { inputs, schedule, ...rest } = t;
  return {
    ...rest,
    workflow_app_id: appId,
    ...(inputs && { inputs: inputs as unknown as NonNullable<TriggerRequest['inputs']> }),
    ...(schedule && { schedule: schedule as unknown as Record<string, unknown> }),
  };
}

export interface SaveTarget {
  api: Api;
  appId: string;
  project: TriggerProject;
}

/** Checks the definition, then creates the trigger: nothing is sent for a definition with problems. */
export async function createFromSource(t: SaveTarget, src: TriggerSource): Promise<{ trigger: DeployedTrigger; workflowChecked: boolean }> {
  const { request, workflowChecked } = checkedTrigger(src, t.project, t.appId);
  return { trigger: await createTrigger(t.api, request), workflowChecked };
}

/** Reads, checks and creates the trigger a project's definition file describes (what a deploy offers). */
export async function createProjectTrigger(t: SaveTarget, path: string, o: ProjectOptions & { cwd: string }): Promise<DeployedTrigger> {
  return (await createFromSource(t, await readDefinitionFile(path, t.project, o))).trigger;
}
