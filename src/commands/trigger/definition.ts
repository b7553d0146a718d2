import * as z from 'zod/mini';
import { rerunCommand, type RunFlags } from '../../auth/follow-up.js';
import { findProjectRoot } from '../../config/project.js';
import type { Context } from '../../context/context.js';
import { UsageError } from '../../errors/cli-error.js';
import {
  DEFAULT_INTERACTIVITY_INPUT,
  linkTriggerDefinition,
  loadTriggerProject,
  projectTriggerFiles,
  readDefinitionFile,
  type ProjectOptions,
  type TriggerProject,
  type TriggerSource,
} from '../../triggers/project-triggers.js';

const Text = z.string().check(z.minLength(1, 'give a value'));

/** create's and update's ways to say what the trigger is (shared.ts DEFINITION_FLAGS). */
export const definitionOptions = {
  triggerDef: z.optional(Text),
  workflow: z.optional(Text),
  title: z.optional(Text),
  description: z.optional(z.string()),
  interactivity: z.optional(z.boolean()),
  interactivityName: z.optional(Text),
};

interface DefinitionFlags {
  triggerDef?: string | undefined;
  workflow?: string | undefined;
  title?: string | undefined;
  description?: string | undefined;
  interactivity?: boolean | undefined;
  interactivityName?: string | undefined;
}

const PROPERTY_FLAGS = [
  ['workflow', '--workflow'],
  ['title', '--title'],
  ['description', '--description'],
  ['interactivity', '--interactivity'],
  ['interactivityName', '--interactivity-name'],
] as const;

/** @throws UsageError `mismatched_flags` (exit 2) for --trigger-def with any property flag, or a property flag without --workflow. */
export function checkDefinitionFlags(o: DefinitionFlags): void {
  const given = PROPERTY_FLAGS.filter(([k]) => o[k] !== undefined).map(([, flag]) => flag);
  if (o.triggerDef !== undefined && given.length > 0) {
    throw new UsageError(`--trigger-def cannot be combined with ${given.join(', ')}: the file says everything about the trigger`, {
      code: 'mismatched_flags',
      hint: 'Use either --trigger-def <file>, or --workflow with the property flags (--title, --description, --interactivity).',
    });
  }
  if (o.workflow === undefined && given.length > 0) {
    throw new UsageError(`${given.join(', ')} ${given.length === 1 ? 'describes' : 'describe'} a link trigger for --workflow, which is missing`, {
      code: 'mismatched_flags',
      hint: 'Add --workflow "#/workflows/<callback_id>", or describe the trigger in a file with --trigger-def.',
    });
  }
}

function noDefinition(verb: string, o: RunFlags, why: string): UsageError {
  return new UsageError(`rosi trigger ${verb} needs --trigger-def or --workflow: ${why}`, {
    code: 'missing_flag',
    hint: `For example: ${rerunCommand(o, ['trigger', verb, '--trigger-def', 'triggers/<file>.ts'])}, or --workflow "#/workflows/<callback_id>" for a link trigger.`,
  });
}

/** Fails before anything is sent when no definition is named and there is no terminal to choose a file on. */
export function needDefinitionOrTerminal(ctx: Context, o: DefinitionFlags & RunFlags, verb: string): void {
  if (o.triggerDef === undefined && o.workflow === undefined && !ctx.io.canPrompt()) {
    throw noDefinition(verb, o, 'neither was given, and there is no terminal to choose a definition file on');
  }
}

/** The project the app belongs to (or the folder rosi runs in), its hooks and manifest workflows. */
export function projectFor(ctx: Context, root: string | undefined, verbose: boolean | undefined): Promise<TriggerProject> {
  return loadTriggerProject(root ?? findProjectRoot(ctx.paths.cwd, ctx.paths.home), projectOptions(ctx, verbose));
}

function projectOptions(ctx: Context, verbose: boolean | undefined): ProjectOptions {
  return {
    env: ctx.env,
    signal: ctx.signal,
    // A hook's chatter is for debugging it; the result is what the command prints.
    onOutput: verbose ? (line) => ctx.io.info(`  ${line}`) : undefined,
  };
}

/** The definition the flags name, or the file chosen from the project's trigger paths on a terminal. */
export async function definitionSource(
  ctx: Context,
  o: DefinitionFlags & RunFlags & { verbose?: boolean | undefined },
  project: TriggerProject,
  verb: string,
): Promise<TriggerSource> {
  const read = (path: string) => readDefinitionFile(path, project, { ...projectOptions(ctx, o.verbose), cwd: ctx.paths.cwd });
  if (o.triggerDef !== undefined) return read(o.triggerDef);
  if (o.workflow !== undefined) {
    const interactivityName = o.interactivityName ?? (o.interactivity ? DEFAULT_INTERACTIVITY_INPUT : undefined);
    return linkTriggerDefinition({ workflow: o.workflow, title: o.title, description: o.description, interactivityName });
  }
  if (project.root === undefined) throw noDefinition(verb, o, 'neither was given, and there is no project folder to look for definition files in');
  const { patterns, files } = await projectTriggerFiles({ ...project, root: project.root });
  ctx.io.info(`Looking for trigger definitions under ${patterns.map((p) => `'${p}'`).join(', ')} in ${project.root}`);
  if (files.length === 0) throw noDefinition(verb, o, `no definition file was found under ${patterns.join(', ')}`);
  const file = await ctx.prompter.select(
    'trigger-definition-file',
    'Choose a trigger definition file',
    files.map((f) => ({ label: f, value: f })),
  );
  // Listed relative to the project folder; read from there whatever folder rosi runs in.
  return { ...(await readDefinitionFile(file, project, { ...projectOptions(ctx, o.verbose), cwd: project.root })), source: file };
}

/** What --verbose says when the definition could not be checked against a manifest. */
export function uncheckedNote(ctx: Context, verbose: boolean | undefined, project: TriggerProject): void {
  if (!verbose || project.workflows !== undefined) return;
  const where = project.root === undefined ? 'rosi runs outside a project' : `the project in ${project.root} has no manifest`;
  ctx.io.info(`The trigger's workflow and inputs were not checked locally (${where}); Slack checks them.`);
}
