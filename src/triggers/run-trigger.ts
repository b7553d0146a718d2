import type { SlackApi } from '../api/client.js';
import type { ResponseOf } from '../api/methods.js';
import type { DeployedTrigger } from '../api/schemas/triggers.js';
import { postToWebhook, type WebhookAnswer, type WebhookOptions } from '../api/webhook.js';
import { ApiContractError, ApiError } from '../errors/api-error.js';
import { UsageError, withHint } from '../errors/cli-error.js';
import { fireTrigger } from './requests.js';
import { dataKeysRead } from './trip-data.js';
import { eventTypeOf } from './trigger-lines.js';

type Api = Pick<SlackApi, 'call'>;

export interface RunTriggerInput {
  api: Api;
  /** The API host is `rosi emulator`, which fires any trigger (`emulator.triggers.run`); Slack fires only webhooks on request. */
  emulator: boolean;
  trigger: DeployedTrigger;
  /** The trip's data: a webhook's body, or what a click, a schedule or an event would have supplied. */
  data: Record<string, unknown>;
  /** How to reach a webhook's URL (no token goes there). */
  webhook: WebhookOptions;
}

export type RunOutcome =
  /** The emulator started the workflow: its execution and trace. */
  | { kind: 'started'; answer: ResponseOf<'emulator.triggers.run'> }
  /** The webhook took the call; Slack's answer names no execution (and a filter may have passed over it). */
  | { kind: 'accepted'; answer: WebhookAnswer };

/**
 * Fires a trigger now. A webhook trigger is called at its URL with the data as the body, on any host, as any
 * sender would call it (its filter judges the call). Other types only against `rosi emulator`, through its
 * `emulator.triggers.run`: Slack starts them when a person clicks, at their time or on their event, and offers no call
 * to do it, so they are refused before anything is sent (exit 2), a link trigger's refusal carrying its URL to click.
 */
export async function runTrigger(i: RunTriggerInput): Promise<RunOutcome> {
  const t = i.trigger;
  const explain = (e: unknown): never => {
    throw explainRefusal(e, t);
  };
  if (t.type === 'webhook') {
    if (!t.webhook_url) throw new ApiContractError('workflows.triggers.info', `webhook trigger ${t.id} has no webhook_url`);
    return { kind: 'accepted', answer: await postToWebhook(t.webhook_url, i.data, i.webhook).catch(explain) };
  }
  if (!i.emulator) throw notOnSlack(t);
  const answer = await fireTrigger(i.api, t.id, i.data).catch(explain);
  return { kind: 'started', answer };
}

/** Why Slack cannot be asked to start this trigger, and how it does start. */
export function notOnSlack(t: DeployedTrigger): UsageError {
  const code = 'trigger_not_runnable';
  const emulatorNote = 'Against `rosi emulator`, rosi trigger run fires a trigger of any type.';
  if (t.type === 'shortcut') {
    return new UsageError(`Slack starts link trigger ${t.id} only when a person clicks it; there is no call that runs it`, {
      code,
      hint: t.shortcut_url ? `Click it in Slack, or open its link: ${t.shortcut_url}` : `Click it in Slack. ${emulatorNote}`,
    });
  }
  if (t.type === 'scheduled') {
    return new UsageError(`Slack runs scheduled trigger ${t.id} only at its scheduled times; there is no call that runs it now`, {
      code,
      hint: `\`rosi trigger info\` shows its next run. ${emulatorNote}`,
    });
  }
  if (t.type === 'event') {
    const event = eventTypeOf(t);
    return new UsageError(`Slack starts event trigger ${t.id} only when its event${event ? ` (${event})` : ''} happens; there is no call that runs it`, {
      code,
      hint: `Make the event happen where the trigger listens. ${emulatorNote}`,
    });
  }
  return new UsageError(`rosi can run only webhook triggers on Slack; ${t.id} is a ${t.type} trigger`, { code, hint: emulatorNote });
}

/** A refusal for inputs the data cannot fill names the keys the trigger's inputs read. */
function explainRefusal(e: unknown, t: DeployedTrigger): unknown {
  if (!(e instanceof ApiError) || e.slackError !== 'parameter_validation_failed') return e;
  const keys = dataKeysRead(t);
  const example = `{${keys.map((k) => `"${k}": "…"`).join(', ')}}`;
  return withHint(
    e,
    keys.length > 0
      ? `The trigger's inputs read ${keys.map((k) => `data.${k}`).join(', ')}: pass them with --inputs '${example}'.`
      : 'The trigger’s inputs give the workflow too little: check them with `rosi trigger info`.',
  );
}
