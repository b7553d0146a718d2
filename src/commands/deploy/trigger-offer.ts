import { join, relative } from 'node:path';
import type { SlackApi } from '../../api/client.js';
import { rerunCommand, type RunFlags } from '../../auth/follow-up.js';
import type { Context } from '../../context/context.js';
import type { ProjectHooks } from '../../deploy/bundle/run-hook.js';
import { isCliError, type CliError } from '../../errors/cli-error.js';
import { redact } from '../../lib/redact.js';
import { manifestWorkflows } from '../../lib/trigger-rules/manifest-workflows.js';
import { localTimeZone, nextRunOf } from '../../triggers/next-run.js';
import { createProjectTrigger, projectTriggerFiles, type TriggerProject } from '../../triggers/project-triggers.js';
import { knownTriggersFile, noteTriggers } from '../../triggers/known-triggers.js';
import { listTriggers } from '../../triggers/requests.js';
import { triggerLines } from '../../triggers/trigger-lines.js';

/** The page size of the check, the official CLI's: one trigger of the app is enough to know it has some. */
const EXISTING_TRIGGERS_LIMIT = 4;

export interface TriggerOffer {
  api: Pick<SlackApi, 'call'>;
  appId: string;
  /** The project folder the deploy built. */
  root: string;
  hooks: ProjectHooks | undefined;
  /** The manifest the deploy shipped: its workflows check the definition. */
  manifest: Record<string, unknown>;
  /** The flags a printed `rosi trigger create` repeats. */
  flags: RunFlags;
}

/**
 * After a successful deploy, on a terminal: when the app has no trigger and the project has definition
 * files, offers to create one from a chosen file, as `rosi trigger create --trigger-def` would. The deploy
 * is done by then, so nothing here fails it: a failed listing or create is a warning, with the command
 * that retries the create. No definition files: nothing is printed.
 */
export async function offerTrigger(ctx: Context, offer: TriggerOffer): Promise<void> {
  const project: TriggerProject & { root: string } = { root: offer.root, hooks: offer.hooks, workflows: manifestWorkflows(offer.manifest) };
  const { patterns, files } = await projectTriggerFiles(project);
  if (files.length === 0) return;
  let hasTriggers: boolean;
  try {
    hasTriggers = await appHasTriggers(offer.api, offer.appId);
  } catch (e) {
    ctx.io.warn(`Could not tell whether app ${offer.appId} has triggers, so rosi does not offer to create one: ${describe(e)}`);
    ctx.io.info(`  To create one: ${rerunCommand(offer.flags, ['trigger', 'create'], offer.appId)}`);
    return;
  }
  if (hasTriggers) return;

  ctx.io.info('');
  ctx.io.info('⚡ Create a trigger');
  ctx.io.info(`Found ${files.length} trigger definition ${files.length === 1 ? 'file' : 'files'} under ${patterns.map((p) => `'${p}'`).join(', ')}:`);
  for (const f of files) ctx.io.info(`  ${f}`);
  const file = await ctx.prompter.select<string | undefined>('trigger-definition-file', 'Choose a trigger definition file:', [
    ...files.map((f) => ({ label: f, value: f })),
    { label: 'Do not create a trigger', value: undefined },
  ]);
  if (file === undefined) return;

  let trigger;
  try {
    // Listed relative to the project folder, so read from there.
    trigger = await createProjectTrigger({ api: offer.api, appId: offer.appId, project }, file, {
      env: ctx.env,
      signal: ctx.signal,
      cwd: offer.root,
    });
  } catch (e) {
    if (isCliError(e) && e.code === 'cancelled') throw e;
    // A retry is typed where the user is, which may be below the project folder.
    const path = relative(ctx.paths.cwd, join(offer.root, file)) || file;
    ctx.io.warn(`The app is deployed, but the trigger from ${file} was not created: ${describe(e)}`);
    ctx.io.info(`  To try again: ${rerunCommand(offer.flags, ['trigger', 'create', '--trigger-def', path], offer.appId)}`);
    return;
  }
  await noteTriggers(knownTriggersFile(ctx.paths), offer.appId, { add: [trigger] }, ctx.clock.now());
  const zone = localTimeZone(ctx.env);
  const next = trigger.type === 'scheduled' ? nextRunOf(trigger, ctx.clock.now()) : undefined;
  for (const line of triggerLines(trigger, zone, next)) ctx.io.out(line);
  ctx.io.success(`Created trigger ${trigger.id} on app ${offer.appId}`);
  ctx.io.info(`Choose who can run it: ${rerunCommand(offer.flags, ['trigger', 'access', '--trigger-id', trigger.id, '--everyone'], offer.appId)}`);
}

async function appHasTriggers(api: Pick<SlackApi, 'call'>, appId: string): Promise<boolean> {
  // Stops at the first trigger of the app; a page can hold none of the app's but still lead on (requests.ts).
  for await (const page of listTriggers(api, { appId, limit: EXISTING_TRIGGERS_LIMIT })) if (page.triggers.length > 0) return true;
  return false;
}

/** An error as one warning line: its message, code, details and hint; never a stack. */
function describe(e: unknown): string {
  if (!isCliError(e)) return redact(e instanceof Error ? e.message : String(e));
  const err: CliError = e;
  const details = err.details.length ? `: ${err.details.join('; ')}` : '';
  const hint = err.hint ? ` ${err.hint}` : '';
  return redact(`${err.message}${details} (${err.code}).${hint}`);
}
