import { authenticate, authenticateExecution, isExecutionToken } from '../auth/index.js';
import { canAccess, type AppRow } from '../apps/index.js';
import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import { stringParam, type ParsedRequest } from '../http/index.js';

/**
 * Who calls a triggers method, and the apps whose triggers they may touch (runtime contract §6.1 item 2): a user
 * token of an app's owner or collaborator, or a function's execution token, which reaches only its own app (and
 * makes `workflow_app_id` optional). `userId` is who a new trigger is recorded as made by and whom list cursors
 * are bound to: the person, or for an execution token the app's owner (the emulator keeps no bot users).
 */
export interface TriggerCaller {
  userId: string;
  /** The app an execution token speaks for; undefined for a person. */
  ownApp?: AppRow;
  mayManage(app: AppRow): boolean;
  /** The apps whose triggers the caller sees in a list. */
  manageableApps(): string[];
}

export function triggerCaller(req: ParsedRequest, deps: EmulatorDeps): TriggerCaller {
  if (isExecutionToken(req.token)) {
    const app = deps.store.apps.get(authenticateExecution(req.token as string, deps).app_id);
    if (!app) throw new MethodError('invalid_auth');
    return { userId: app.owner_id, ownApp: app, mayManage: (other) => other.id === app.id, manageableApps: () => [app.id] };
  }
  const auth = authenticate(req, deps);
  const mayManage = (app: AppRow) => canAccess(auth, app, deps);
  return {
    userId: auth.user.id,
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
  // An execution token's own app, when the call leaves it out.
  if (id === undefined && caller.ownApp) return caller.ownApp;
  const app = id === undefined ? undefined : deps.store.apps.get(id);
  if (!app || !caller.mayManage(app)) throw new MethodError('invalid_workflow_app_id');
  return app;
}
