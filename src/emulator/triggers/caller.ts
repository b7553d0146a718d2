import { authenticate, type Authenticated } from '../auth/index.js';
import { canAccess, type AppRow } from '../apps/index.js';
import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import { stringParam, type ParsedRequest } from '../http/index.js';

/**
 * Who calls a triggers method, and the apps whose triggers they may touch. Today a user token of an
 * app's owner or collaborator (runtime contract §6.1 item 2). The app's bot or execution token, which
 * functions use to make triggers at run time, is the other caller Slack allows: it would be read here,
 * reach only its own app, and make `workflow_app_id` optional.
 */
export interface TriggerCaller {
  auth: Authenticated;
  mayManage(app: AppRow): boolean;
  /** The apps whose triggers the caller sees in a list. */
  manageableApps(): string[];
}

export function triggerCaller(req: ParsedRequest, deps: EmulatorDeps): TriggerCaller {
  const auth = authenticate(req, deps);
  const mayManage = (app: AppRow) => canAccess(auth, app, deps);
  return {
    auth,
    mayManage,
    manageableApps: () => deps.store.apps.appsOf(auth.user.id).filter((id) => deps.store.apps.get(id)?.team_id === auth.team.id),
  };
}

/**
 * The app a trigger is saved for, from `workflow_app_id`. Missing, unknown, another team's, or one the
 * caller cannot manage: all invalid_workflow_app_id ("invalid or missing", Slack's catalogue), so app IDs
 * cannot be probed.
 */
export function workflowApp(caller: TriggerCaller, req: ParsedRequest, deps: EmulatorDeps): AppRow {
  const id = stringParam(req, 'workflow_app_id');
  const app = id === undefined ? undefined : deps.store.apps.get(id);
  if (!app || !caller.mayManage(app)) throw new MethodError('invalid_workflow_app_id');
  return app;
}
