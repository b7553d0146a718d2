import { describe, expect, it } from 'vitest';
import { ActivitiesStore, type NewActivity } from '../activity/activities-store.js';
import { DeferredWrites } from './deferred-writes.js';
import { migrate } from './schema.js';
import { loadSqlite } from './sqlite.js';

const row = (n: number, payload: Record<string, unknown> = {}): NewActivity => ({
  app_id: 'A1',
  level: 'info',
  event_type: `e${n}`,
  source: 'slack',
  component_type: 'tables',
  component_id: 'things',
  trace_id: 'Tr1',
  payload,
  created: 1_000_000 + n,
});

/** A database that cannot grow past its size now: the next write needing a new page fails with SQLITE_FULL. */
async function database() {
  const db = (await loadSqlite()).open(':memory:');
  migrate(db);
  // The apps the rows belong to are not this test's business.
  db.pragma('foreign_keys = OFF');
  const dropped: string[] = [];
  const deferred = new DeferredWrites(db, (message) => dropped.push(message));
  const activities = new ActivitiesStore(db, deferred);
  const stored = () => (db.prepare('SELECT event_type FROM activities ORDER BY id').pluck().all() as string[]).join(' ');
  const fillDisk = () => db.pragma(`max_page_count = ${(db.pragma('page_count') as Array<{ page_count: number }>)[0]?.page_count}`);
  const makeRoom = () => db.pragma('max_page_count = 1000000');
  const page = () => activities.page({ appId: 'A1', minCreated: 0, direction: 'asc', limit: 100 }).map((a) => a.event_type);
  return { db, deferred, activities, dropped, stored, fillDisk, makeRoom, page };
}

// A page is 4 KiB: a payload this large needs new pages wherever it goes.
const large = { blob: 'x'.repeat(64 * 1024) };

describe('log rows written a moment after the request', () => {
  it('waits for the timer or a reader, then writes every queued row in order', async () => {
    const t = await database();
    t.activities.appendLater([row(1)]);
    t.activities.appendLater([row(2), row(3)]);
    expect(t.stored()).toBe('');
    // A reader of the log writes what is queued first.
    expect(t.page()).toEqual(['e1', 'e2', 'e3']);
    t.activities.appendLater([row(4)]);
    await new Promise((r) => setTimeout(r, 50));
    expect(t.stored()).toBe('e1 e2 e3 e4');
  });

  it('writes what was queued before an append made at once, so the log keeps the order things happened in', async () => {
    const t = await database();
    t.activities.appendLater([row(1)]);
    t.activities.append([row(2)]);
    expect(t.stored()).toBe('e1 e2');
  });

  it('tells listeners once the rows are written', async () => {
    const t = await database();
    const told: string[] = [];
    t.activities.onAppended((rows) => told.push(...rows.map((r) => r.event_type)));
    t.activities.appendLater([row(1)]);
    expect(told).toEqual([]);
    t.deferred.flush();
    expect(told).toEqual(['e1']);
  });

  it('with the database full, drops the queued rows, says so once, and reads still answer', async () => {
    const t = await database();
    t.activities.appendLater([row(1)]);
    t.deferred.flush();
    t.fillDisk();
    t.activities.appendLater([row(2, large)]);
    expect(() => t.deferred.flush()).not.toThrow();
    t.activities.appendLater([row(3, large)]);
    expect(t.page()).toEqual(['e1']);
    expect(t.dropped).toEqual([expect.stringMatching(/^1 activity or call log entries were not kept \(the disk is full\)/)]);

    // Room again: rows are written, and a later failure is said again.
    t.makeRoom();
    t.activities.appendLater([row(4, large)]);
    expect(t.page()).toEqual(['e1', 'e4']);
    t.fillDisk();
    t.activities.appendLater([row(5, large)]);
    t.deferred.flush();
    expect(t.dropped).toHaveLength(2);
  });

  it('writes a long queue at once rather than holding it for the timer', async () => {
    const t = await database();
    for (let i = 0; i < 1000; i++) t.activities.appendLater([row(i)]);
    expect(t.deferred.pending).toBe(false);
    expect((t.db.prepare('SELECT count(*) FROM activities').pluck().get() as number) ?? 0).toBe(1000);
  });
});

describe('log rows queued as the emulator stops', () => {
  it('are dropped without a word once the database is closed (close wrote what was queued before it)', async () => {
    const db = (await loadSqlite()).open(':memory:');
    migrate(db);
    const dropped: string[] = [];
    const deferred = new DeferredWrites(db, (m) => dropped.push(m));
    deferred.add(() => {
      throw new Error('not run: the database is closed');
    });
    db.close();
    deferred.flush();
    expect(dropped).toEqual([]);
  });
});
