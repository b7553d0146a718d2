import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import { newExecutionToken } from '../ids.js';
import type { ExecutionTokenRow } from './execution-tokens-store.js';

/*
 * The token a function execution runs with (runtime contract §4.2 `bot_access_token`, §6.4 item 3). Slack's
 * hosted runtime hands functions an `xwfp-` token; the emulator's has that prefix, then two groups of 13 digits
 * and 32 letters or digits. It speaks for the app, as its bot, in the team it is installed in, only while its
 * function execution runs: the end of the execution (completed, failed or timed out) revokes it, and Slack's
 * `token_revoked` answers it after that.
 */

export const isExecutionToken = (token: string | undefined): boolean => token?.startsWith('xwfp-') === true;

/** Mints the token of one function execution. Only its hash is kept. */
export function mintExecutionToken(
  deps: Pick<EmulatorDeps, 'store' | 'now'>,
  o: { functionExecutionId: string; traceId: string; appId: string; teamId: string },
): string {
  const token = newExecutionToken();
  deps.store.executionTokens.insert(token, {
    function_execution_id: o.functionExecutionId,
    trace_id: o.traceId,
    app_id: o.appId,
    team_id: o.teamId,
    issued_at: deps.now(),
  });
  return token;
}

/** Ends the function execution's token: any call made with it afterwards is token_revoked. */
export function revokeExecutionToken(deps: Pick<EmulatorDeps, 'store' | 'now'>, functionExecutionId: string): void {
  deps.store.executionTokens.revokeFor(functionExecutionId, deps.now());
}

/** The live execution token's record; invalid_auth when unknown, token_revoked once its execution ended. */
export function authenticateExecution(token: string, deps: Pick<EmulatorDeps, 'store'>): ExecutionTokenRow {
  const row = deps.store.executionTokens.get(token);
  if (!row) throw new MethodError('invalid_auth');
  if (row.revoked_at !== null) throw new MethodError('token_revoked');
  return row;
}

/** Who an app's own token speaks for; `trace_id` is set for an execution token (its calls join that trace). */
export interface AppCaller {
  app_id: string;
  team_id: string;
  trace_id?: string;
  /** The function execution an execution token belongs to (what the call is made for). */
  function_execution_id?: string;
}

/**
 * The app behind an app's own token: its bot token (`xoxb-`), or a function's execution token while its
 * execution runs. Undefined for any other token (a person's: `authenticate` checks those); invalid_auth for
 * an app token the emulator never issued, token_revoked for an ended execution's.
 */
export function authenticateAppToken(token: string | undefined, deps: Pick<EmulatorDeps, 'store'>): AppCaller | undefined {
  if (token !== undefined && isExecutionToken(token)) {
    const row = authenticateExecution(token, deps);
    return { app_id: row.app_id, team_id: row.team_id, trace_id: row.trace_id, function_execution_id: row.function_execution_id };
  }
  if (!token?.startsWith('xoxb-')) return undefined;
  const install = deps.store.apps.installOfBotToken(token);
  if (!install) throw new MethodError('invalid_auth');
  return install;
}
