import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { datastoreClient, putAll } from '../../../test/helpers/datastore.js';
import { allowLoopback, startInProcess, type InProcessEmulator } from '../../../test/helpers/in-process-emulator.js';
import { loadSqlite } from '../db/index.js';
import { SNAPSHOT_FORMAT } from './format.js';

const made: InProcessEmulator[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const e of made.splice(0)) await e.running.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
async function emulator(o: Parameters<typeof startInProcess>[0] = {}): Promise<InProcessEmulator> {
  allowLoopback();
  const e = await startInProcess(o);
  made.push(e);
  return e;
}
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'rosi-snapshot-test-'));
  dirs.push(d);
  return d;
}
async function saveTo(e: InProcessEmulator, file: string): Promise<void> {
  await e.running.state.save(createWriteStream(file));
}

/** Every row of every table of the snapshot's database, by table, in a fixed order: what "the same state" means. */
async function rowsOf(snapshotFile: string): Promise<Record<string, unknown[]>> {
  const dir = tempDir();
  const { openSnapshot } = await import('./snapshot.js');
  const opened = await openSnapshot(snapshotFile);
  const db = join(dir, 'copy.sqlite');
  try {
    // The unpacked database, read straight.
    const { readSnapshot } = await import('./format.js');
    await readSnapshot(snapshotFile, join(dir, 'unpacked'));
    writeFileSync(db, readFileSync(join(dir, 'unpacked', 'database')));
  } finally {
    await opened.dispose();
  }
  const conn = (await loadSqlite()).open(db);
  try {
    const tables = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    return Object.fromEntries(
      tables.map((t) => [
        t,
        conn
          .prepare(`SELECT * FROM "${t}"`)
          .all()
          .map((r) => JSON.stringify(r))
          .sort(),
      ]),
    );
  } finally {
    conn.close();
  }
}

describe('snapshots', () => {
  it('a snapshot loaded into another emulator holds every row the first one had, and its clock', async () => {
    const a = await emulator();
    const ds = await datastoreClient(a);
    await putAll(ds, [
      { id: 'a1', name: 'one' },
      { id: 'a2', name: 'two', meta: { deep: [1, 2] } },
    ]);
    await a.json('apps.hosted.variables.add', { app_id: ds.appId, variables: [{ name: 'GREETING', value: 'Bonjour' }] }, ds.token);
    await a.control('clock', { advance_ms: 90_000 });
    const dir = tempDir();
    await saveTo(a, join(dir, 'a.snapshot'));

    const b = await emulator({ importSnapshot: join(dir, 'a.snapshot') });
    expect(b.running.team.id).toBe(a.running.team.id);
    await saveTo(b, join(dir, 'b.snapshot'));
    expect(await rowsOf(join(dir, 'b.snapshot'))).toEqual(await rowsOf(join(dir, 'a.snapshot')));
    // The token is in it too, and the clock carries on from where it was.
    expect(await b.json('apps.datastore.get', { app_id: ds.appId, datastore: 'things', id: 'a2' }, ds.token)).toMatchObject({
      ok: true,
      item: { id: 'a2', name: 'two', meta: { deep: [1, 2] } },
    });
    const { activities } = (await b.json('apps.activities.list', { app_id: ds.appId }, ds.token)) as { activities: { created: number }[] };
    expect(Math.max(...activities.map((x) => x.created))).toBeGreaterThanOrEqual((Date.parse('2026-11-28T12:00:00Z') + 90_000) * 1000);
  });

  it('load replaces a running emulator’s state; reset goes back to the checkpoint, dropping what came after', async () => {
    const a = await emulator();
    const ds = await datastoreClient(a);
    await putAll(ds, [{ id: 'kept' }]);
    a.running.state.checkpoint();
    await putAll(ds, [{ id: 'leaked' }]);
    expect(await ds.all()).toHaveLength(2);
    expect(await a.running.state.reset()).toBe(true);
    expect(await ds.all()).toEqual([{ id: 'kept' }]);
    // The token the test logged in with is part of the checkpoint, so it still works.
    const dir = tempDir();
    await saveTo(a, join(dir, 'kept.snapshot'));
    await putAll(ds, [{ id: 'later' }]);
    await a.running.state.load(join(dir, 'kept.snapshot'));
    expect(await ds.all()).toEqual([{ id: 'kept' }]);
  });

  it('a reset tells the console’s open pages that the state was replaced', async () => {
    const a = await emulator();
    a.running.state.checkpoint();
    const stream = new AbortController();
    const res = await fetch(`${a.url}/__console/events`, { signal: stream.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // the stream is open
    await a.running.state.reset();
    let seen = '';
    while (!seen.includes('event: state')) seen += new TextDecoder().decode((await reader.read()).value);
    stream.abort();
  });

  it('reset with no checkpoint says so and changes nothing', async () => {
    const a = await emulator();
    expect(await a.running.state.reset()).toBe(false);
    expect((await a.control('reset', {})).status).toBe(409);
  });

  it('refuses a damaged file, a cut-short one, a newer format and a file that is no snapshot, naming the file, and changes nothing', async () => {
    const a = await emulator();
    const ds = await datastoreClient(a);
    await putAll(ds, [{ id: 'x' }]);
    const dir = tempDir();
    const good = join(dir, 'good.snapshot');
    await saveTo(a, good);
    const bytes = readFileSync(good);
    const flipped = Buffer.from(bytes);
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = (flipped[middle] ?? 0) ^ 0xff;
    const cases: [string, Buffer | string, RegExp][] = [
      ['flipped.snapshot', flipped, /checksum does not match/],
      ['short.snapshot', bytes.subarray(0, bytes.length - 100), /does not end with its checksum|checksum does not match/],
      ['newer.snapshot', Buffer.concat([Buffer.from(`rosi-emulator-snapshot ${SNAPSHOT_FORMAT + 1}\n`), bytes.subarray(bytes.indexOf(10) + 1)]), /newer rosi/],
      ['notes.txt', 'hello\n', /not a rosi emulator snapshot/],
    ];
    await putAll(ds, [{ id: 'after' }]);
    for (const [name, content, why] of cases) {
      const file = join(dir, name);
      await pipeline(Readable.from([content]), createWriteStream(file));
      const e = await a.running.state.load(file).catch((x: unknown) => x);
      expect(e, name).toMatchObject({ kind: 'usage', message: expect.stringContaining(file) });
      expect((e as Error).message, name).toMatch(why);
      await expect(startInProcess({ importSnapshot: file })).rejects.toThrow(why);
    }
    expect(await ds.all()).toHaveLength(2);
  });
});
