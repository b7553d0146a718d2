import { errorList, indentLines, payloadOf, text, triggerSubject, withDetail } from './payload-text.js';
import type { Activity } from './activity.js';

// What each activity says, in words: the CLI prints it framed by time, level and trace (activity/format.ts),
// the emulator's console shows it beside its own columns.

/** How an entry is framed: the usual template, the bare message, or the deployment line. */
export type Frame = 'template' | 'bare' | 'deployment';

export interface Message {
  /** Each element is framed on its own (trigger errors print one templated line per error). */
  lines: string[];
  frame: Frame;
  component?: string;
  gray?: boolean;
}

type Payload = Record<string, unknown>;

export const isFailure = (level: string): boolean => level === 'error' || level === 'fatal';

const outcome = (a: Activity, ok: string) => (isFailure(a.level) ? 'failed' : ok);

const userTeamAppProvider = (p: Payload) =>
  `user '${text(p.user_id)}' on team '${text(p.team_id)}' for app '${text(p.app_id)}' and provider '${text(p.provider_key)}'`;

/** A whole number without decimals, as the official CLI prints step counters; other values as text. */
const wholeNumber = (v: unknown) => (typeof v === 'number' ? v.toFixed(0) : text(v));

function triggerExecuted(a: Activity, p: Payload): string[] {
  if (isFailure(a.level)) {
    const errors = errorList(p.errors).map((e) => `  - ${indentLines(e)}`);
    return [`Trigger for workflow '${text(p.function_name)}' failed: ${text(p.reason)}`, ...errors];
  }
  return [`${triggerSubject(p)} successfully started execution of function '${text(p.function_name)}'`];
}

function billing(p: Payload): string {
  const name = p.workflow_name === undefined || p.workflow_name === null ? 'Workflow' : `Workflow '${text(p.workflow_name)}'`;
  return p.is_billing_result === true ? `${name} billing reason '${text(p.billing_reason)}'` : `${name} is excluded from billing`;
}

function logOutput(title: string, log: unknown): string {
  // A trailing newline would otherwise leave an empty tab-indented line behind.
  return indentLines(`${title}:\n${text(log).replace(/(\r?\n)+$/, '')}`);
}

type Describe = (a: Activity, p: Payload) => string | (Omit<Message, 'frame'> & { frame?: Frame });

const DESCRIBE: Record<string, Describe> = {
  datastore_request_result: (a, p) => ({
    lines: [
      isFailure(a.level)
        ? withDetail(`Datastore ${text(p.request_type)} failed with '${text(p.details)}'`, p.error)
        : `Datastore ${text(p.request_type)} succeeded with '${text(p.details)}'`,
    ],
    component: p.datastore_name === undefined ? a.component_id : `Datastore:${text(p.datastore_name)}`,
  }),
  external_auth_missing_function: (_a, p) => `Step function '${text(p.function_id)}' is missing`,
  external_auth_missing_oauth_token_or_selected_auth: (_a, p) => `Missing mapped token for workflow '${text(p.code)}'`,
  external_auth_result: (a, p) => {
    const msg = `Auth ${outcome(a, 'completed')} for ${userTeamAppProvider(p)}`;
    return { lines: [isFailure(a.level) ? withDetail(withDetail(msg, p.code), p.extra_message, '\t\t') : msg], frame: 'bare', gray: true };
  },
  external_auth_started: (a, p) => {
    const msg = `Auth start ${outcome(a, 'succeeded')} by ${userTeamAppProvider(p)}`;
    return { lines: [isFailure(a.level) ? withDetail(msg, p.code) : msg], frame: 'bare', gray: true };
  },
  external_auth_token_fetch_result: (a, p) => {
    const msg = `Token fetch ${outcome(a, 'succeeded')} for ${userTeamAppProvider(p)}`;
    return { lines: [isFailure(a.level) ? withDetail(msg, p.code) : msg], frame: 'bare', gray: true };
  },
  function_deployment: (_a, p) => ({
    lines: [`Application ${text(p.action)}d by user '${text(p.user_id)}' on team '${text(p.team_id)}'`],
    frame: 'deployment',
    gray: true,
  }),
  function_execution_output: (_a, p) => logOutput('Function output', p.log),
  trigger_payload_received: (_a, p) => logOutput('Trigger payload', p.log),
  function_execution_result: (a, p) =>
    withDetail(`Function '${text(p.function_name)}' (${text(p.function_type)} function) ${outcome(a, 'completed')}`, p.error),
  function_execution_started: (_a, p) => `Function '${text(p.function_name)}' (${text(p.function_type)} function) started`,
  trigger_executed: (a, p) => ({ lines: triggerExecuted(a, p) }),
  workflow_billing_result: (_a, p) => billing(p),
  workflow_bot_invited: (_a, p) => `Channel ${text(p.channel_id)} detected in workflow configuration. Bot user ${text(p.bot_user_id)} automatically invited.`,
  workflow_created_from_template: (_a, p) => `Workflow '${text(p.workflow_name)}' created from template '${text(p.template_id)}'`,
  workflow_execution_result: (a, p) => withDetail(`Workflow '${text(p.workflow_name)}' ${outcome(a, 'completed')}`, p.error),
  workflow_execution_started: (_a, p) => `Workflow '${text(p.workflow_name)}' started`,
  workflow_published: (_a, p) => `Workflow '${text(p.workflow_name)}' published`,
  workflow_unpublished: (_a, p) => `Workflow '${text(p.workflow_name)}' unpublished`,
  workflow_step_execution_result: (a, p) => `Workflow step '${text(p.function_name)}' ${outcome(a, 'completed')}`,
  workflow_step_started: (_a, p) => `Workflow step ${wholeNumber(p.current_step)} of ${wholeNumber(p.total_steps)} started`,
};

/** Whether rosi has a message for this event type; others print their payload as JSON. */
export function isKnownEventType(eventType: string): boolean {
  return Object.hasOwn(DESCRIBE, eventType);
}

/** An activity's message lines and how the CLI frames them. */
export function describeActivity(a: Activity): Message {
  const fn = isKnownEventType(a.event_type) ? DESCRIBE[a.event_type] : undefined;
  // Unknown event types show their payload as compact JSON, so new platform events are never hidden.
  const d = fn ? fn(a, payloadOf(a)) : text(a.payload);
  return typeof d === 'string' ? { lines: [d], frame: 'template' } : { frame: 'template', ...d };
}

/** The message of an activity without its time, level, component and trace frame (lines joined by "\n"). */
export function activityMessage(a: Activity): string {
  return describeActivity(a).lines.join('\n');
}
