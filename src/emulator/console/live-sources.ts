import type { Store } from '../store.js';
import type { LiveHub } from './live.js';

/** The most IDs one notice lists; past it a page re-reads what it shows. */
const MAX_IDS = 100;

/**
 * Feeds the live channel from the services' own listeners. Changes made in one turn of the event loop
 * (a bulk put, an import, an execution's batch of activities) go out as one notice per app and datastore,
 * sent on the next turn: a 100,000-item import is one notice, not 100,000. Returns the way to stop.
 */
export function feedLiveHub(store: Store, hub: LiveHub): () => void {
  const items = new Map<string, { app_id: string; datastore: string; count: number; ids: string[]; cleared: boolean }>();
  const activity = new Map<string, { app_id: string; count: number; trace_ids: string[]; newest: number }>();
  let scheduled: NodeJS.Immediate | undefined;
  const flush = () => {
    scheduled = undefined;
    for (const notice of items.values()) hub.publish('items', notice);
    for (const notice of activity.values()) hub.publish('activity', notice);
    items.clear();
    activity.clear();
  };
  const later = () => {
    scheduled ??= setImmediate(flush);
  };
  const stops = [
    store.items.onChanged((appId, datastore, id) => {
      if (hub.size === 0) return;
      const key = `${appId}\u0000${datastore}`;
      const n = items.get(key) ?? { app_id: appId, datastore, count: 0, ids: [], cleared: false };
      n.count++;
      if (id === null) n.cleared = true;
      else if (n.ids.length < MAX_IDS) n.ids.push(id);
      items.set(key, n);
      later();
    }),
    store.activities.onAppended((rows) => {
      if (hub.size === 0) return;
      for (const row of rows) {
        const n = activity.get(row.app_id) ?? { app_id: row.app_id, count: 0, trace_ids: [], newest: 0 };
        n.count++;
        n.newest = Math.max(n.newest, row.created);
        if (row.trace_id !== '' && n.trace_ids.length < MAX_IDS && !n.trace_ids.includes(row.trace_id)) n.trace_ids.push(row.trace_id);
        activity.set(row.app_id, n);
      }
      later();
    }),
    store.messages.onPosted((m) => {
      hub.publish('message', { team_id: m.team_id, channel_id: m.channel_id, ts: m.ts, thread_ts: m.thread_ts, app_id: m.app_id });
    }),
  ];
  return () => {
    for (const stop of stops) stop();
    if (scheduled) clearImmediate(scheduled);
  };
}
