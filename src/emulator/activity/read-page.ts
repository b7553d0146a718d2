import type { ActivityFilter, StoredActivity } from './activities-store.js';
import { micros, RETENTION_MS } from './activity-rules.js';
import type { EmulatorDeps } from '../deps.js';
import { unlessDiskFull } from '../db/index.js';

/** A page's conditions as a reader gives them: the retention window and the look-ahead row are this module's. */
export type PageRequest = Omit<ActivityFilter, 'minCreated' | 'limit'> & { minCreated?: number | undefined; limit: number };

/**
 * One page of an app's activity log, read as `apps.activities.list` reads it (and the console with it):
 * expired entries purged (when a minute has passed), nothing older than the retention window, and one row
 * past the limit read to tell whether a next page exists without handing out an empty one.
 */
export function readActivityPage(deps: EmulatorDeps, f: PageRequest): { rows: StoredActivity[]; more: boolean } {
  const now = deps.now();
  // Expired events are out of the page's range anyway: without room to delete them, they wait.
  unlessDiskFull(() => deps.store.activities.purgeExpired(f.appId, now));
  const rows = deps.store.activities.page({ ...f, minCreated: Math.max(f.minCreated ?? 0, micros(now - RETENTION_MS)), limit: f.limit + 1 });
  const more = rows.length > f.limit;
  return { rows: more ? rows.slice(0, f.limit) : rows, more };
}
