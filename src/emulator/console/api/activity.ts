import { encodeActivitiesCursor, readActivityPage } from '../../activity/index.js';
import { sendConsoleJson } from '../reply.js';
import { loggedApp, type LogRequest, type LogRoute } from './activity-app.js';
import { activityQuery } from './activity-query.js';
import type { ActivityAnswer } from '../ui/pages/activity/wire.js';
import { consoleActivity } from './activity-rows.js';
import { traceRoute } from './trace.js';

/**
 * GET apps/<id>/activity: a page of the app's log as `apps.activities.list` reads it (same store, same keyset
 * paging, same retention), filtered by the query; or, with `after`, the entries newer than a position (the
 * live view's read after a notice).
 */
function activityPage({ res, url, params, deps }: LogRequest): void {
  const { appId, variables } = loggedApp(deps, params[0] as string);
  const q = activityQuery(appId, url.searchParams);
  const show = (rows: Parameters<typeof consoleActivity>[0][]) => rows.map((r) => consoleActivity(r, variables));
  if (q.newer) {
    const { rows, more } = readActivityPage(deps, { ...q.filter, after: q.newer, direction: 'asc', limit: q.limit });
    const newest = rows[rows.length - 1];
    const answer: ActivityAnswer = {
      activities: show(rows).reverse(),
      older: null,
      newest: encodeActivitiesCursor(appId, newest ?? q.newer, 'asc'),
      more,
    };
    return sendConsoleJson(res, 200, answer);
  }
  const { rows, more } = readActivityPage(deps, { ...q.filter, after: q.older, direction: 'desc', limit: q.limit });
  const first = rows[0];
  const last = rows[rows.length - 1];
  const answer: ActivityAnswer = {
    activities: show(rows),
    older: more && last ? encodeActivitiesCursor(appId, last, 'desc') : null,
    // An older page does not move the newest position: the page keeps the one its first page gave.
    newest: first && !q.older ? encodeActivitiesCursor(appId, first, 'asc') : null,
  };
  sendConsoleJson(res, 200, answer);
}

/** The Activity and Trace pages' endpoints. */
export const ACTIVITY_ROUTES: readonly LogRoute[] = [{ method: 'GET', path: /^apps\/([^/]+)\/activity$/, handle: activityPage }, traceRoute];
