import { badRequest, type ControlRoute } from '../control/index.js';
import type { EmulatorDeps } from '../deps.js';
import { sendJson } from '../http/index.js';
import { nextRuns, validateSchedule } from '../../lib/schedule/index.js';
import type { TriggerRow } from './triggers-store.js';

/** When a scheduled trigger runs next by the emulator's clock (ISO-8601, UTC), or null once its schedule has ended. */
function nextRun(t: TriggerRow, now: number): string | null | undefined {
  if (t.type !== 'scheduled') return undefined;
  const checked = validateSchedule(t.definition.schedule);
  if (!('schedule' in checked)) return null;
  return nextRuns(checked.schedule, new Date(now))[0]?.toISOString() ?? null;
}

export const triggersControl: Record<string, ControlRoute<EmulatorDeps>> = {
  /**
   * `?app_id=`: the app's triggers as the emulator keeps them (id, type, name, workflow), oldest first, and
   * for scheduled ones the next run the emulator computes from the schedule by its own clock (which
   * `POST /__emulator/clock` moves). Slack's trigger object has no such field; this is the emulator's view.
   */
  'GET triggers'(_req, res, url, deps) {
    const appId = url.searchParams.get('app_id') ?? '';
    if (!appId) return badRequest(res, 'app_id is needed');
    if (!deps.store.apps.get(appId)) return sendJson(res, 404, { ok: false, error: 'app_not_found' });
    const now = deps.now();
    const triggers = deps.store.triggers.list({ appIds: [appId], type: undefined, after: undefined, limit: undefined }).map((t) => {
      const next = nextRun(t, now);
      return { id: t.id, type: t.type, name: t.definition.name, workflow: t.definition.workflow, ...(next === undefined ? {} : { next_run: next }) };
    });
    sendJson(res, 200, { ok: true, app_id: appId, triggers });
  },

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
