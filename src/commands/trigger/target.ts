import * as z from 'zod/mini';
import type { SlackApi } from '../../api/client.js';
import { selectApp } from '../../apps/select-app.js';
import { rerunCommand, type RunFlags } from '../../auth/follow-up.js';
import type { Context } from '../../context/context.js';
import { UsageError } from '../../errors/cli-error.js';
import { addressOptions, verboseOption } from '../../kit/global-options.js';
import { byCodeUnit } from '../../lib/compare.js';
import { knownTriggersFile, noteTriggers, type KnownChange } from '../../triggers/known-triggers.js';
import { listTriggers } from '../../triggers/requests.js';

/** The flags every trigger command reads: --app, those a printed command repeats (rerunCommand), and --verbose. */
export const baseOptions = { ...addressOptions, ...verboseOption };
export const triggerIdOption = { triggerId: z.optional(z.string()) };

/** A trigger ID as Slack issues them. */
const TRIGGER_ID = /^Ft[A-Za-z0-9]+$/;

export interface TriggerTarget {
  appId: string;
  /** The project folder, when one was read. */
  root: string | undefined;
  api: SlackApi;
}

/** The app the triggers belong to and a client for it, picked as the other app commands pick it. */
export async function triggerTarget(ctx: Context, app: string | undefined, verb: string): Promise<TriggerTarget> {
  const selected = await selectApp(ctx, { app, command: `rosi trigger ${verb}` });
  return { appId: selected.appId, root: selected.root, api: await ctx.api() };
}

/** Notes the app's triggers Slack answered, for `--trigger-id <Tab>` (triggers/known-triggers.ts); never fails. */
export function noteSeen(ctx: Context, appId: string, change: KnownChange): Promise<void> {
  return noteTriggers(knownTriggersFile(ctx.paths), appId, change, ctx.clock.now());
}

/** @throws UsageError (exit 2, before anything is sent) for anything but a trigger ID. */
export function checkTriggerId(id: string): string {
  const trimmed = id.trim();
  if (!TRIGGER_ID.test(trimmed)) {
    throw new UsageError(`--trigger-id must be a trigger ID like Ft0123ABCDEF, got ${JSON.stringify(id)}`, {
      code: 'invalid_argument',
      hint: 'Trigger IDs start with Ft; `rosi trigger list` shows the app’s.',
    });
  }
  return trimmed;
}

/** Fails before anything is sent when --trigger-id is missing and no one can be asked. */
export function needTriggerIdOrTerminal(ctx: Context, o: { triggerId?: string | undefined } & RunFlags, verb: string): void {
  if (o.triggerId !== undefined) {
    checkTriggerId(o.triggerId);
    return;
  }
  if (ctx.io.canPrompt()) return;
  throw new UsageError(`rosi trigger ${verb} needs --trigger-id, and there is no terminal to choose a trigger on`, {
    code: 'missing_flag',
    hint: `Pass --trigger-id Ft…; \`${rerunCommand(o, ['trigger', 'list'])}\` lists the app’s triggers.`,
  });
}

/**
 * --trigger-id, or the trigger chosen from the app's on a terminal (labels `<name> <id>`, sorted by name then
 * ID, as the official CLI lists them). Undefined when the app has none: a note is printed and the command ends, exit 0.
 */
export async function triggerIdFor(ctx: Context, t: TriggerTarget, o: { triggerId?: string | undefined }): Promise<string | undefined> {
  if (o.triggerId !== undefined) return checkTriggerId(o.triggerId);
  const all = [];
  for await (const page of listTriggers(t.api, { appId: t.appId })) all.push(...page.triggers);
  await noteSeen(ctx, t.appId, { replace: all });
  if (all.length === 0) {
    ctx.io.info(`App ${t.appId} has no triggers.`);
    return undefined;
  }
  const choices = all
    .map((tr) => ({ label: `${tr.name ?? ''} ${tr.id}`.trim(), value: tr.id, name: tr.name ?? '' }))
    .sort((a, b) => byCodeUnit(a.name, b.name) || byCodeUnit(a.value, b.value));
  return ctx.prompter.select('trigger-id', 'Choose a trigger', choices);
}
