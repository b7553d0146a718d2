import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import type { DeployedTrigger } from '../../api/schemas/triggers.js';
import { rerunCommand } from '../../auth/follow-up.js';
import { isEmulatorHost } from '../../auth/host.js';
import type { Context } from '../../context/context.js';
import { CliError, UsageError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { fsReason } from '../../lib/fs-error.js';
import { triggerInfo } from '../../triggers/requests.js';
import { runTrigger, type RunOutcome } from '../../triggers/run-trigger.js';
import { parseTripData } from '../../triggers/trip-data.js';
import { waitForExecution, type ExecutionEnd } from '../../triggers/wait-execution.js';
import { baseOptions, needTriggerIdOrTerminal, noteSeen, triggerIdFor, triggerIdOption, triggerTarget } from './target.js';

const Options = z.object({
  ...baseOptions,
  ...triggerIdOption,
  inputs: z.optional(z.string()),
  inputsFile: z.optional(z.string()),
  wait: z.optional(z.boolean()),
});
type Options = z.infer<typeof Options>;

/** How often --wait looks at the log, and for how long at most. */
const WAIT_INTERVAL_MS = 1000;
const WAIT_LIMIT_MS = 10 * 60_000;

export function parse(raw: RawInput): Options {
  const o = parseOptions(Options, raw);
  if (o.inputs !== undefined && o.inputsFile !== undefined) {
    throw new UsageError('--inputs and --inputs-file both give the trip’s data: pass one', { code: 'mismatched_flags' });
  }
  // Bad JSON is known before anything is read or sent.
  if (o.inputs !== undefined) parseTripData(o.inputs, '--inputs');
  return o;
}

export async function run(ctx: Context, o: Options): Promise<void> {
  needTriggerIdOrTerminal(ctx, o, 'run');
  const data = await tripDataOf(ctx, o);
  const t = await triggerTarget(ctx, o.app, 'run');
  const triggerId = await triggerIdFor(ctx, t, o);
  if (triggerId === undefined) return;
  const trigger = await triggerInfo(t.api, triggerId);
  await noteSeen(ctx, t.appId, { add: [trigger] });
  const emulator = isEmulatorHost((await ctx.session()).apiHost);
  if (o.wait === true && trigger.type === 'webhook') throw waitRefused(o, trigger, t.appId);

  const http = ctx.http();
  const outcome = await runTrigger({ api: t.api, emulator, trigger, data, webhook: http });
  if (outcome.kind === 'accepted') return printAccepted(ctx, o, trigger, t.appId, outcome);

  const { workflow_execution_id: executionId, trace_id: traceId } = outcome.answer;
  const traceCommand = rerunCommand(o, ['activity', 'trace', traceId], t.appId);
  const started = `Started ${workflowTitle(trigger)} (${trigger.name ?? trigger.id}): workflow execution ${executionId}, trace ${traceId}`;
  if (o.wait !== true) {
    ctx.io.result(outcome.answer, (_, ui) => ui.out(started));
    if (!ctx.io.json) ctx.io.info(`See how it runs: ${traceCommand}`);
    return;
  }

  if (!ctx.io.json) {
    ctx.io.out(started);
    ctx.io.info('Waiting for it to end…');
  }
  const end = await waitForExecution(t.api, t.appId, traceId, { clock: ctx.clock, signal: ctx.signal, intervalMs: WAIT_INTERVAL_MS, limitMs: WAIT_LIMIT_MS });
  if (ctx.io.json) ctx.io.result({ ...outcome.answer, ...endJson(end) }, () => {});
  if (end === undefined) {
    throw new CliError('still_running', `Workflow execution ${executionId} has not ended after ${WAIT_LIMIT_MS / 60_000} minutes`, ExitCode.failed, {
      hint: `See where it is: ${traceCommand}`,
    });
  }
  if (end.status === 'failed') {
    const why = end.failedStep ? `step '${end.failedStep.name}' failed: ${end.failedStep.error}` : (end.error ?? 'it failed');
    throw new CliError('workflow_failed', `Workflow execution ${executionId} failed: ${why}`, ExitCode.failed, { hint: `See every step: ${traceCommand}` });
  }
  if (!ctx.io.json) {
    ctx.io.success(`Workflow execution ${executionId} completed`);
    ctx.io.info(`See how it ran: ${traceCommand}`);
  }
}

/** --inputs, else --inputs-file (a path from where rosi runs, or - for stdin), else no data. */
async function tripDataOf(ctx: Context, o: Options): Promise<Record<string, unknown>> {
  if (o.inputs !== undefined) return parseTripData(o.inputs, '--inputs');
  if (o.inputsFile === undefined) return {};
  let text: string;
  try {
    text = o.inputsFile === '-' ? await ctx.readStdin() : await readFile(resolve(ctx.paths.cwd, o.inputsFile), 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read --inputs-file ${o.inputsFile}: ${fsReason(e)}`, { code: 'invalid_inputs_file' });
  }
  return parseTripData(text, o.inputsFile === '-' ? '--inputs-file - (stdin)' : `--inputs-file ${o.inputsFile}`);
}

function printAccepted(ctx: Context, o: Options, trigger: DeployedTrigger, appId: string, outcome: Extract<RunOutcome, { kind: 'accepted' }>): void {
  // A filter answers ok whether or not it lets the call through: only the log can say.
  const filtered = trigger.filter !== undefined || (trigger as { webhook?: { filter?: unknown } }).webhook?.filter !== undefined;
  const line = `Called ${trigger.name ?? 'webhook trigger'} (${trigger.id}): the webhook accepted the call${
    filtered ? `; its filter decides whether ${workflowTitle(trigger)} starts` : `, and ${workflowTitle(trigger)} starts`
  }`;
  ctx.io.result(outcome.answer, (_, ui) => ui.out(line));
  if (!ctx.io.json) ctx.io.info(`Slack’s answer names no execution; follow the app’s activity: ${rerunCommand(o, ['activity', '--tail'], appId)}`);
}

/** --wait needs an execution to follow, and a webhook's answer names none. */
function waitRefused(o: Options, trigger: DeployedTrigger, appId: string): UsageError {
  return new UsageError(`--wait cannot follow webhook trigger ${trigger.id}: a webhook’s answer names no execution`, {
    code: 'mismatched_flags',
    hint: `Run it without --wait, and follow the app’s activity: ${rerunCommand(o, ['activity', '--tail'], appId)}`,
  });
}

const workflowTitle = (t: DeployedTrigger) => t.workflow?.title ?? t.workflow?.callback_id ?? 'the workflow';

function endJson(end: ExecutionEnd | undefined): Record<string, unknown> {
  if (end === undefined) return { status: 'running' };
  return {
    status: end.status,
    ...(end.error !== undefined && { error: end.error }),
    ...(end.failedStep && { failed_step: { name: end.failedStep.name, error: end.failedStep.error } }),
  };
}
