import { badRequest, type ControlRoute } from '../control/index.js';
import type { EmulatorDeps } from '../deps.js';
import { sendJson } from '../http/index.js';

export const variablesControl: Record<string, ControlRoute<EmulatorDeps>> = {
  /**
   * `?app_id=`: the app's variables with their values, so a test can check what arrived. Only
   * with --control, like every endpoint here: the Web API never answers a value.
   */
  'GET variables'(_req, res, url, deps) {
    const appId = url.searchParams.get('app_id') ?? '';
    if (!appId) return badRequest(res, 'app_id is needed');
    if (!deps.store.apps.get(appId)) return sendJson(res, 404, { ok: false, error: 'app_not_found' });
    sendJson(res, 200, { ok: true, app_id: appId, variables: deps.store.variables.values(appId) });
  },
};
