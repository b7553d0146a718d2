import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewActivity } from './activities-store.js';
import { RETENTION_MS } from './activity-rules.js';
import { Store } from '../store.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const at = (ms: number, n: number): NewActivity => ({
  app_id: 'A1',
  level: 'info',
  event_type: 'tick',
  source: 'slack',
  component_type: '',
  component_id: '',
  trace_id: 'Tr1',
  payload: { n },
  created: ms * 1000,
});

describe('activities store', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
    store.upsertTeam({ id: 'T1', domain: 't', name: 'T' }, NOW);
    store.upsertUser({ id: 'U1', team_id: 'T1', name: 'u' }, NOW);
    store.apps.create({ id: 'A1', teamId: 'T1', ownerId: 'U1', clientId: 'c', manifest: {}, now: NOW });
  });
  afterEach(() => store.close());

  it('purges what is older than 7 days, at most once a minute per app', () => {
    const a = store.activities;
    a.append([at(NOW - RETENTION_MS - 1, 0), at(NOW - RETENTION_MS, 1), at(NOW, 2)]);
    a.purgeExpired('A1', NOW);
    expect(a.count('A1')).toBe(2);
    a.append([at(NOW - RETENTION_MS - 1, 3)]);
    a.purgeExpired('A1', NOW + 59_000);
    expect(a.count('A1')).toBe(3);
    a.purgeExpired('A1', NOW + 60_000);
    expect(a.count('A1')).toBe(1);
  });

  it('purges every app at start-up', () => {
    store.activities.append([at(NOW - RETENTION_MS - 1, 0), at(NOW, 1)]);
    store.prune(NOW);
    expect(store.activities.count('A1')).toBe(1);
  });

  it('reads pages from the (app_id, created, id) index, seeking to the cursor inside a tie, in both directions, without sorting', () => {
    const a = store.activities;
    a.append(Array.from({ length: 3000 }, (_, i) => at(NOW, i)));
    const plans: string[] = [];
    const db = (store as unknown as { db: { prepare(sql: string): { all(...p: unknown[]): { detail: string }[] } } }).db;
    const real = db.prepare.bind(db);
    db.prepare = (sql: string) => (
      plans.push(
        ...real(`EXPLAIN QUERY PLAN ${sql}`)
          .all(...Array<number>(sql.split('?').length - 1).fill(0))
          .map((r) => r.detail),
      ),
      real(sql)
    );
    for (const direction of ['asc', 'desc'] as const) {
      const page = a.page({
        appId: 'A1',
        minCreated: 0,
        maxCreated: NOW * 1000,
        levels: ['info', 'warn'],
        direction,
        after: { created: NOW * 1000, id: 1500 },
        limit: 2,
      });
      expect(page.map((r) => r.id)).toEqual(direction === 'asc' ? [1501, 1502] : [1499, 1498]);
    }
    expect(plans).toEqual([
      'SEARCH activities USING INDEX activities_by_app (app_id=? AND created=? AND id>?)',
      'SEARCH activities USING INDEX activities_by_app (app_id=? AND created=? AND id<?)',
    ]);
    plans.length = 0;
    expect(a.page({ appId: 'A1', minCreated: 0, direction: 'asc', after: { created: NOW * 1000, id: 2999 }, limit: 2 }).map((r) => r.id)).toEqual([3000]);
    expect(a.page({ appId: 'A1', minCreated: 0, direction: 'desc', limit: 1 }).map((r) => r.id)).toEqual([3000]);
    expect(plans).toEqual([
      'SEARCH activities USING INDEX activities_by_app (app_id=? AND created=? AND id>?)',
      'SEARCH activities USING INDEX activities_by_app (app_id=? AND created>?)',
      'SEARCH activities USING INDEX activities_by_app (app_id=? AND created>?)',
    ]);
  });

  it('finds text in the event type, component, trace ID or payload, ignoring case, and pages through the matches', () => {
    const a = store.activities;
    a.append([
      { ...at(NOW, 0), payload: { log: 'Hello Ada' } },
      { ...at(NOW + 1, 1), event_type: 'datastore_request_result' },
      { ...at(NOW + 2, 2), component_id: 'Fn0GREET' },
      { ...at(NOW + 3, 3), payload: { log: 'hello again' } },
      at(NOW + 4, 4),
    ]);
    const search = (q: string, limit = 10) => a.page({ appId: 'A1', minCreated: 0, direction: 'desc', limit, search: q }).map((r) => r.id - 1);
    expect(search('HELLO')).toEqual([3, 0]);
    expect(search('Datastore_')).toEqual([1]);
    expect(search('fn0greet')).toEqual([2]);
    expect(search('tr1')).toEqual([4, 3, 2, 1, 0]);
    expect(search('"n":4')).toEqual([4]);
    expect(search('nothing like it')).toEqual([]);
    const [first] = a.page({ appId: 'A1', minCreated: 0, direction: 'desc', limit: 1, search: 'hello' });
    const rest = a.page({ appId: 'A1', minCreated: 0, direction: 'desc', limit: 5, search: 'hello', after: first });
    expect(rest.map((r) => r.id - 1)).toEqual([0]);
  });
});
