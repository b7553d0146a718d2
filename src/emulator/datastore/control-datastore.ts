import { badRequest, controlParams, intParam, type ControlRoute } from '../control/index.js';
import type { Item } from './datastore-store.js';
import type { EmulatorDeps } from '../deps.js';
import { sendJson } from '../http/index.js';

const MAX_COUNT = 1000;

export const datastoreControl: Record<string, ControlRoute<EmulatorDeps>> = {
  /** `?app_id=&datastore=`: every item of the datastore, in primary key order. */
  'GET datastore'(_req, res, url, deps) {
    const appId = url.searchParams.get('app_id') ?? '';
    const datastore = url.searchParams.get('datastore') ?? '';
    if (!appId || !datastore) return badRequest(res, 'app_id and datastore are needed');
    if (!deps.store.apps.get(appId)) return sendJson(res, 404, { ok: false, error: 'app_not_found' });
    const items = Array.from(deps.store.items.iterate(appId, datastore), (row) => JSON.parse(row.json) as Item);
    sendJson(res, 200, { ok: true, app_id: appId, datastore, count: items.length, items });
  },

  /** `{count}`: the next `count` items of bulk calls fail and come back in failed_items. Count 0 clears it. */
  async 'POST datastore/fail-items'(req, res, _url, deps) {
    const p = await controlParams(req, res);
    if (!p) return;
    const count = intParam(p, 'count', 0, MAX_COUNT);
    if (count === undefined) return badRequest(res, `count must be 0 to ${MAX_COUNT}`);
    deps.datastore.faults.failItems = count;
    sendJson(res, 200, { ok: true, remaining: count });
  },
};
