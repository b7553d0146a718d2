import { join, relative } from 'node:path';
import { rerunCommand, type RunFlags } from '../../auth/follow-up.js';
import { withHint } from '../../errors/cli-error.js';
import type { MissingParameter } from '../../lib/trigger-rules/types.js';
import { INTERACTIVITY_TYPE, InvalidTriggerFlagsError, needsFillingIn, startingDefinition, type TriggerFlagsSource } from '../../triggers/flag-trigger.js';
import { MissingTriggerInputsError } from '../../triggers/missing-inputs.js';
import type { TriggerSource } from '../../triggers/project-triggers.js';

/** What a printed fix needs to know of the run: where it ran, the project, the flags and the verb's own words. */
export interface FlagFixRun {
  cwd: string;
  root: string | undefined;
  flags: RunFlags & { workflow?: string | undefined; title?: string | undefined; description?: string | undefined };
  appId: string;
  /** `['trigger', 'create']`, or update's words with its --trigger-id. */
  words: readonly string[];
}

/**
 * A create or update from flags that failed for want of workflow inputs, with a hint that flags can follow: the
 * --interactivity flag when the click is all that is missing, else a definition file to write (its JSON printed
 * in the hint) and the command that uses it. Any other error is returned as it is.
 */
export function explainFlagFailure(e: unknown, src: TriggerSource, run: FlagFixRun): unknown {
  if (!src.flags) return e;
  const missing = e instanceof InvalidTriggerFlagsError ? e.missing : e instanceof MissingTriggerInputsError ? e.missing.map(asParameter) : [];
  if (missing.length === 0 || !(e instanceof InvalidTriggerFlagsError || e instanceof MissingTriggerInputsError)) return e;
  // Only a lone missing input may be fixed by a flag: with other problems the file is the way out.
  const onlyProblem = !(e instanceof InvalidTriggerFlagsError) || e.details.length === 1;
  const click = missing.length === 1 && missing[0]?.type === INTERACTIVITY_TYPE && onlyProblem ? missing[0] : undefined;
  return withHint(e, click ? clickHint(click.name, run) : fileHint(src.flags, missing, run));
}

/** A catch handler that rethrows {@link explainFlagFailure}'s error. */
export const explainingFlags =
  (src: TriggerSource, run: FlagFixRun) =>
  (e: unknown): never => {
    throw explainFlagFailure(e, src, run);
  };

const asParameter = (m: { name: string; type: string | undefined }): MissingParameter => ({ name: m.name, type: m.type ?? 'string' });

function clickHint(input: string, run: FlagFixRun): string {
  const flag = input === 'interactivity' ? ['--interactivity'] : ['--interactivity-name', input];
  return `The workflow takes the click on the link as its input "${input}": add ${flag.join(' ')}: ${rerunCommand(run.flags, [...run.words, ...propertyWords(run), ...flag], run.appId)}`;
}

function propertyWords(run: FlagFixRun): string[] {
  const f = run.flags;
  return [
    ...(f.workflow !== undefined ? ['--workflow', f.workflow] : []),
    ...(f.title !== undefined ? ['--title', f.title] : []),
    ...(f.description !== undefined ? ['--description', f.description] : []),
  ];
}

function fileHint(source: TriggerFlagsSource, missing: readonly MissingParameter[], run: FlagFixRun): string {
  const path = definitionPath(source.callbackId, run);
  const names = missing.map((m) => `"${m.name}"`).join(', ');
  const fill = needsFillingIn(missing) ? ' (replace each "<…>" with the value to pass)' : '';
  const json = JSON.stringify(startingDefinition(source, missing), null, 2);
  return (
    `The workflow needs inputs that flags cannot give (${names}). Write the trigger in a definition file, ${path}, starting from the JSON below${fill}, ` +
    `then run: ${rerunCommand(run.flags, [...run.words, '--trigger-def', path], run.appId)}\n${json}`
  );
}

/** `triggers/<workflow>.json` in the project (the official CLI's default trigger path), as a path from where rosi runs. */
function definitionPath(callbackId: string, run: FlagFixRun): string {
  const name = `${callbackId}.json`;
  if (run.root === undefined) return name;
  const path = relative(run.cwd, join(run.root, 'triggers', name));
  return path.split('\\').join('/');
}
