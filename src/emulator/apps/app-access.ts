import type { AppRow } from './apps-store.js';
import { authenticate, type Authenticated } from '../auth/index.js';
import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import { stringParam, type ParsedRequest } from '../http/index.js';

/** Whether the caller may see and change the app: same team, and an owner or collaborator of it. */
export function canAccess(auth: Authenticated, app: AppRow, deps: EmulatorDeps): boolean {
  return app.team_id === auth.team.id && deps.store.apps.isCollaborator(app.id, auth.user.id);
}

/**
 * The app named by the `app_id` parameter, for a caller allowed to touch it. A missing
 * app and another tenant's app get the same invalid_app_id, so app IDs cannot be probed.
 */
export function accessibleApp(auth: Authenticated, req: ParsedRequest, deps: EmulatorDeps): AppRow {
  const appId = stringParam(req, 'app_id');
  if (!appId) throw new MethodError('invalid_arguments');
  const app = deps.store.apps.get(appId);
  if (!app || !canAccess(auth, app, deps)) throw new MethodError('invalid_app_id');
  return app;
}

/** Authentication then app access: the preamble of every app and hosting method. */
export function authenticateForApp(req: ParsedRequest, deps: EmulatorDeps): Authenticated & { app: AppRow } {
  const auth = authenticate(req, deps);
  return { ...auth, app: accessibleApp(auth, req, deps) };
}
