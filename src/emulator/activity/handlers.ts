import type { ResponseOf } from '../../api/methods.js';
import { decodeActivitiesCursor, encodeActivitiesCursor } from './activities-cursor.js';
import { listParams } from './activities-params.js';
import { invalidArguments, problem } from './activity-rules.js';
import { readActivityPage } from './read-page.js';
import { wireActivity } from './wire-activity.js';
import { accessibleApp } from '../apps/index.js';
import { authenticate } from '../auth/index.js';
import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import type { Family, ParsedRequest } from '../http/index.js';

/**
 * One page of an app's activity log, newest first unless sort_direction=asc. Pages are keyset
 * ranges of (created, id): a cursor continues strictly after the last row handed out, so
 * events arriving between calls are neither lost nor repeated, ties on `created` included.
 * Only the last 7 days (by the emulator's clock) exist.
 */
function list(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.activities.list'> {
  const auth = authenticate(req, deps);
  const p = listParams(req);
  const app = accessibleApp(auth, req, deps);
  // Naming another team is as unknown as naming another team's app.
  if (p.teamId !== undefined && p.teamId !== app.team_id) throw new MethodError('invalid_app_id');
  let after;
  let direction = p.direction;
  if (p.cursor !== undefined) {
    const decoded = decodeActivitiesCursor(app.id, p.cursor);
    if (!decoded) throw new MethodError('invalid_cursor');
    if (p.directionGiven && decoded.direction !== p.direction) {
      throw invalidArguments([problem(`the cursor continues a sort_direction=${decoded.direction} listing`, 'cursor')]);
    }
    after = decoded.after;
    direction = decoded.direction;
  }
  const { rows: page, more } = readActivityPage(deps, {
    appId: app.id,
    minCreated: p.minCreated,
    maxCreated: p.maxCreated,
    levels: p.levels,
    eventType: p.eventType,
    source: p.source,
    componentType: p.componentType,
    componentId: p.componentId,
    traceId: p.traceId,
    after,
    direction,
    limit: p.limit,
  });
  const last = page[page.length - 1];
  const next = more && last ? encodeActivitiesCursor(app.id, last, direction) : '';
  return { activities: page.map((r) => wireActivity(r)), response_metadata: { next_cursor: next } };
}

export const activitiesFamily: Family = {
  'apps.activities.list': list,
};
