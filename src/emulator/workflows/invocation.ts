import type { AppRow } from '../apps/index.js';
import type { EmulatorDeps } from '../deps.js';
import { appBotUserId, newEventId, stableId } from '../ids.js';
import { appVariables } from '../variables/index.js';
import { wireParameters, type ParameterSpec } from './parameters.js';

/** An app function as a step runs it: from the installed manifest. */
export interface AppFunction {
  callbackId: string;
  /** Its stable `Fn…` ID: the component of its log entries and `event.function.id`. */
  id: string;
  title: string;
  description: string;
  inputs: ParameterSpec[];
  outputs: ParameterSpec[];
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * What the function runner hands the function: the invocation payload of runtime contract §4.2, exactly —
 * a `function_executed` Events API envelope, and the context with the execution's token, the team, and the
 * app's hosted variables plus SLACK_API_URL pointing at the emulator (with the trailing slash the runtime's
 * client needs, §4.4).
 */
export function invocationPayload(
  deps: EmulatorDeps,
  o: {
    app: AppRow;
    teamId: string;
    fn: AppFunction;
    inputs: Record<string, unknown>;
    functionExecutionId: string;
    workflowExecutionId: string;
    token: string;
    actor: string;
  },
) {
  const now = deps.now();
  const micros = Math.floor(now) * 1000;
  const body = {
    // Slack's verification token, which function handlers do not read; the emulator sends a stable stand-in.
    token: stableId('', o.app.id, 'verification'),
    team_id: o.teamId,
    api_app_id: o.app.id,
    type: 'event_callback',
    event_id: newEventId(),
    event_time: seconds(now),
    authed_users: [o.actor],
    authorizations: [{ team_id: o.teamId, user_id: appBotUserId(o.app.id), is_bot: true, is_enterprise_install: false }],
    event: {
      type: 'function_executed',
      function: {
        id: o.fn.id,
        callback_id: o.fn.callbackId,
        title: o.fn.title,
        description: o.fn.description,
        type: 'app',
        input_parameters: wireParameters(o.fn.inputs),
        output_parameters: wireParameters(o.fn.outputs),
        app_id: o.app.id,
        date_created: seconds(o.app.created_at),
        date_updated: seconds(o.app.updated_at),
        date_deleted: 0,
      },
      inputs: o.inputs,
      function_execution_id: o.functionExecutionId,
      workflow_execution_id: o.workflowExecutionId,
      event_ts: `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`,
      bot_access_token: o.token,
    },
  };
  const variables = { ...appVariables(deps, o.app.id), SLACK_API_URL: `${deps.origin()}/api/` };
  return { body, context: { bot_access_token: o.token, team_id: o.teamId, variables } };
}
