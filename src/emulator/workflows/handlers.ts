import { isObject } from '../../lib/is-object.js';
import { authenticate, authenticateAppToken, revokeExecutionToken } from '../auth/index.js';
import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import { jsonParam, stringParam, type Family, type ParsedRequest } from '../http/index.js';
import { functionOutputs } from './app-manifest.js';
import { parameterProblems } from './parameters.js';
import type { FunctionExecutionRow } from './workflows-store.js';

/*
 * functions.completeSuccess / functions.completeError (runtime contract §4.4, §6.5): how a function ends its
 * execution. Both encodings (a form's `outputs` is a JSON string), Bearer or a `token` field. The caller is a
 * function of the app: its execution token, or the app's bot token.
 */

/** The app the token speaks for; a person's token is refused as Slack refuses it for these methods. */
function callerApp(req: ParsedRequest, deps: EmulatorDeps): string {
  const token = req.token;
  if (token === undefined) throw new MethodError('not_authed');
  const caller = authenticateAppToken(token, deps);
  if (caller) return caller.app_id;
  authenticate(req, deps);
  throw new MethodError('not_allowed_token_type');
}

/** The running function execution the call ends, after the caller and the arguments are checked. */
function runningExecution(req: ParsedRequest, deps: EmulatorDeps, appId: string): FunctionExecutionRow {
  const id = stringParam(req, 'function_execution_id');
  if (!id) throw new MethodError('invalid_arguments');
  const fx = deps.store.workflows.function(id);
  if (!fx) throw new MethodError('function_execution_not_found');
  if (fx.app_id !== appId) throw new MethodError('access_denied');
  if (fx.status !== 'running') throw new MethodError('execution_not_in_running_state');
  return fx;
}

/** The end is recorded once: a second caller racing the first finds the execution no longer running. */
function end(deps: EmulatorDeps, fx: FunctionExecutionRow, e: { status: 'completed' | 'failed'; outputs?: Record<string, unknown>; error?: string }): void {
  const ended = deps.store.transaction(() => {
    if (!deps.store.workflows.endFunction(fx.id, e, deps.now())) return false;
    revokeExecutionToken(deps, fx.id);
    return true;
  });
  if (!ended) throw new MethodError('execution_not_in_running_state');
  deps.workflows.functionEnded(fx.id);
}

function completeSuccess(req: ParsedRequest, deps: EmulatorDeps): Record<string, never> {
  const appId = callerApp(req, deps);
  if (req.params.outputs === undefined) throw new MethodError('invalid_arguments');
  const outputs = jsonParam(req, 'outputs');
  if (!isObject(outputs)) throw new MethodError('invalid_arguments');
  const fx = runningExecution(req, deps, appId);
  const app = deps.store.apps.get(fx.app_id);
  const problems = app ? parameterProblems(functionOutputs(app, fx.function_ref), outputs) : [];
  // The execution stays running: the function may still send outputs that fit.
  if (problems.length > 0) {
    throw new MethodError('parameter_validation_failed', {
      errors: problems.map((p) => ({ code: 'parameter_validation_failed', message: p.message, pointer: `/outputs/${p.name}` })),
    });
  }
  end(deps, fx, { status: 'completed', outputs });
  return {};
}

function completeError(req: ParsedRequest, deps: EmulatorDeps): Record<string, never> {
  const appId = callerApp(req, deps);
  const error = stringParam(req, 'error');
  if (error === undefined) throw new MethodError('invalid_arguments');
  const fx = runningExecution(req, deps, appId);
  end(deps, fx, { status: 'failed', error });
  return {};
}

export const workflowsFamily: Family = {
  'functions.completeSuccess': completeSuccess,
  'functions.completeError': completeError,
};
