import { badRequest, type ControlRoute } from '../control/index.js';
import type { EmulatorDeps } from '../deps.js';
import { sendJson } from '../http/index.js';

export const triggersControl: Record<string, ControlRoute<EmulatorDeps>> = {
  /**
   * `?app_id=[&status=pending|failed]`: the app's recorded webhook trips, oldest first, with the body each
   * was sent, so a test can see what a call left for the runner. Only with --control.
   */
  'GET triggers/trips'(_req, res, url, deps) {
    const appId = url.searchParams.get('app_id') ?? '';
    const status = url.searchParams.get('status') ?? undefined;
    if (!appId) return badRequest(res, 'app_id is needed');
    if (status !== undefined && status !== 'pending' && status !== 'failed') return badRequest(res, 'status is pending or failed');
    if (!deps.store.apps.get(appId)) return sendJson(res, 404, { ok: false, error: 'app_not_found' });
    const trips = deps.store.triggers.trips(appId, status).map((t) => ({
      id: t.id,
      trigger_id: t.trigger_id,
      team_id: t.team_id,
      status: t.status,
      data: t.data,
      ...(t.reason === null ? {} : { reason: t.reason }),
      ...(t.errors === null ? {} : { errors: t.errors }),
      tripped_at: new Date(t.tripped_at).toISOString(),
    }));
    sendJson(res, 200, { ok: true, app_id: appId, trips });
  },
};
