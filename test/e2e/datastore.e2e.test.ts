import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, ROOT, runRosi, startEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { loginSplit } from './login-helpers.js';

let emu: EmulatorHandle;
let home: string;
let cleanup: () => void;
let app: string;
let appId: string;

// One deployed copy of the sample app (datastore "tasks", primary key "id") for every journey.
beforeAll(async () => {
  emu = await startEmulator();
  ({ home, cleanup } = tempHome());
  await loginSplit(emu, home);
  app = join(home, 'app');
  cpSync(join(ROOT, 'examples', 'hello-rosi'), app, { recursive: true });
  const deployed = await runRosi(['deploy', '--json'], { home, cwd: app, timeoutMs: 60_000 });
  expect(deployed.code, deployed.stderr).toBe(0);
  appId = (JSON.parse(readFileSync(join(app, '.slack', 'apps.json'), 'utf8')) as { apps: Record<string, { app_id: string }> }).apps[emu.teamId]!.app_id;
});
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});

const ds = (args: string[], input?: string) => runRosi(['datastore', ...args], { home, cwd: app, ...(input === undefined ? {} : { input }) });
const stored = async () => (await control<{ items: { id: string }[] }>(emu, `datastore?app_id=${appId}&datastore=tasks`)).items;

describe('rosi datastore against the emulator', () => {
  it('put, get, update, query --where, count, delete, and get of what is gone', async () => {
    const put = await ds(['put', '--datastore', 'tasks', '--item', '{"id": "t1", "title": "Write tests", "done": false}']);
    expect(put.code, put.stderr).toBe(0);
    expect(JSON.parse(put.stdout)).toEqual({ id: 't1', title: 'Write tests', done: false });

    const got = await ds(['get', 't1', '--datastore', 'tasks', '--json']);
    expect(JSON.parse(got.stdout)).toEqual({ datastore: 'tasks', item: { id: 't1', title: 'Write tests', done: false } });

    const updated = await ds(['update', '{"datastore": "tasks", "item": {"id": "t1", "done": true}}']);
    expect(JSON.parse(updated.stdout)).toEqual({ id: 't1', title: 'Write tests', done: true });

    const query = await ds(['query', '--datastore', 'tasks', '--where', 'done = true and begins_with(title, "Write")', '--json']);
    expect(query.code, query.stderr).toBe(0);
    expect(JSON.parse(query.stdout)).toEqual({ datastore: 'tasks', items: [{ id: 't1', title: 'Write tests', done: true }] });

    const count = await ds(['count', '--datastore', 'tasks', '--where', 'done = false']);
    expect(count).toMatchObject({ code: 0, stdout: '0\n' });

    const del = await ds(['delete', 't1', '--datastore', 'tasks']);
    expect(del).toMatchObject({ code: 0, stdout: '' });
    const gone = await ds(['get', 't1', '--datastore', 'tasks']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('Not found');
  });

  it('bulk-put from JSON Lines in chunks, then paging, bulk-get and bulk-delete', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => JSON.stringify({ id: `b${String(i).padStart(2, '0')}`, title: `bulk ${i}`, done: i % 2 === 0 })).join(
      '\n',
    );
    const put = await ds(['bulk-put', '--datastore', 'tasks', '--from-file', '-'], lines);
    expect(put.code, put.stderr).toBe(0);
    expect(put.stderr).toContain('Stored 60 items in datastore tasks (3 calls)');
    expect(await stored()).toHaveLength(60);

    const count = await ds(['count', '--datastore', 'tasks', '--where', 'done = true', '--json']);
    expect(JSON.parse(count.stdout)).toEqual({ datastore: 'tasks', count: 30 });

    const first = await ds(['query', '--datastore', 'tasks', '--where', 'done = true', '--limit', '10', '--json']);
    const page = JSON.parse(first.stdout) as { items: { id: string }[]; next_cursor?: string };
    expect(page.items).toHaveLength(10);
    expect(page.next_cursor).toBeTruthy();
    expect(first.stderr).toContain(`--cursor ${page.next_cursor}`);
    const rest = await ds(['query', '--datastore', 'tasks', '--where', 'done = true', '--cursor', page.next_cursor!, '--all', '--jsonl']);
    const restIds = rest.stdout
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(new Set([...page.items.map((i) => i.id), ...restIds]).size).toBe(30);

    const got = await ds(['bulk-get', 'b00', 'b01', 'nope', '--datastore', 'tasks']);
    expect(got.code, got.stderr).toBe(0);
    expect(got.stdout.split('\n')[0]).toBe('id\ttitle\tdone');
    expect(got.stderr).toContain('2 of 3 items from datastore tasks; 1 not found');

    const ids = Array.from({ length: 60 }, (_, i) => `b${String(i).padStart(2, '0')}`);
    const del = await ds(['bulk-delete', ...ids, '--datastore', 'tasks']);
    expect(del.code, del.stderr).toBe(0);
    expect(await stored()).toHaveLength(0);
  });

  it('a partial failure prints the failed items for a retry and exits 1', async () => {
    await control(emu, 'datastore/fail-items', { count: 2 });
    const items = JSON.stringify([{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }]);
    const put = await ds(['bulk-put', '--datastore', 'tasks', '--items', items]);
    expect(put.code).toBe(1);
    const failed = put.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });
    expect(failed).toHaveLength(2);
    expect(put.stderr).toContain('2 of 3 items were not stored in datastore tasks (partial_failure)');
    const retry = await ds(['bulk-put', '--datastore', 'tasks', '--from-file', '-'], put.stdout);
    expect(retry.code, retry.stderr).toBe(0);
    expect((await stored()).map((i) => i.id).sort()).toEqual(['p1', 'p2', 'p3']);
  });

  it('an unknown datastore is the API’s error, exit 1', async () => {
    const r = await ds(['get', 'x', '--datastore', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('datastore_error from apps.datastore.get');
  });
});
