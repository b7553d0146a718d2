import { describe, expect, it } from 'vitest';
import { datastoreClient, putAll, type DatastoreClient } from '../../../test/helpers/datastore.js';
import { useInProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';

const things = (n: number): Json[] => Array.from({ length: n }, (_, i) => ({ id: `t${String(i).padStart(4, '0')}`, n: i }));
const EVERY_TENTH = {
  expression: 'begins_with(#id, :p) AND #n >= :z',
  expression_attributes: { '#id': 'id', '#n': 'n' },
  expression_values: { ':p': 't', ':z': 0 },
};

interface Page {
  items: Json[];
  cursor: string | undefined;
}

async function page(ds: DatastoreClient, body: Json): Promise<Page> {
  const r = await ds.call('query', { datastore: 'things', ...body });
  if (r.ok !== true) throw new Error(JSON.stringify(r));
  return { items: r.items as Json[], cursor: (r.response_metadata as { next_cursor?: string } | undefined)?.next_cursor };
}

async function allPages(ds: DatastoreClient, body: Json): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(ds, { ...body, ...(cursor ? { cursor } : {}) });
    pages.push(p);
    cursor = p.cursor;
  } while (cursor);
  return pages;
}

describe('apps.datastore.query pages', () => {
  const emu = useInProcessEmulator();

  it('evaluates 100 items per page by default, in primary key order; the last page has no cursor', async () => {
    const ds = await datastoreClient(emu());
    await putAll(ds, things(250).reverse());
    const pages = await allPages(ds, {});
    expect(pages.map((p) => p.items.length)).toEqual([100, 100, 50]);
    expect(pages.flatMap((p) => p.items)).toEqual(things(250));
    expect(pages.at(-1)?.cursor).toBeUndefined();
  });

  it('limit counts items evaluated: pages hold fewer matches, or none, and still carry a cursor', async () => {
    const ds = await datastoreClient(emu());
    await putAll(ds, things(100));
    const body = { limit: 7, expression: '#n IN (:a, :b, :c)', expression_attributes: { '#n': 'n' }, expression_values: { ':a': 3, ':b': 4, ':c': 60 } };
    const pages = await allPages(ds, body);
    expect(pages).toHaveLength(15);
    expect(pages.map((p) => p.items.length)).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(pages.slice(0, -1).every((p) => p.cursor !== undefined)).toBe(true);
    expect(pages.flatMap((p) => p.items).map((i) => i.n)).toEqual([3, 4, 60]);
  });

  it('following cursors yields every match exactly once', async () => {
    const ds = await datastoreClient(emu());
    await putAll(ds, things(230));
    const body = { limit: 13, expression: 'NOT #n BETWEEN :a AND :b', expression_attributes: { '#n': 'n' }, expression_values: { ':a': 20, ':b': 199 } };
    const ids = (await allPages(ds, body)).flatMap((p) => p.items.map((i) => i.n));
    expect(ids).toEqual([...Array.from({ length: 20 }, (_, i) => i), ...Array.from({ length: 30 }, (_, i) => 200 + i)]);
    expect(await ds.call('count', { datastore: 'things', ...body })).toMatchObject({ count: 50 });
  });

  it('a page is cut once 1 MB has been read', async () => {
    const ds = await datastoreClient(emu());
    for (let i = 0; i < 6; i++) await ds.call('put', { datastore: 'things', item: { id: `big${i}`, blob: String(i).repeat(300 * 1024) } });
    const pages = await allPages(ds, { limit: 100 });
    expect(pages.map((p) => p.items.map((item) => item.id))).toEqual([
      ['big0', 'big1', 'big2', 'big3'],
      ['big4', 'big5'],
    ]);
    expect(pages[0]?.cursor).toBeDefined();
  });

  it('a filtered page is cut once 1 MB has been read, matching or not', async () => {
    const ds = await datastoreClient(emu());
    for (let i = 0; i < 6; i++) await ds.call('put', { datastore: 'things', item: { id: `big${i}`, n: i, blob: String(i).repeat(300 * 1024) } });
    const body = { limit: 100, expression: '#n IN (:a, :b)', expression_attributes: { '#n': 'n' }, expression_values: { ':a': 1, ':b': 4 } };
    const pages = await allPages(ds, body);
    expect(pages.map((p) => p.items.map((item) => item.id))).toEqual([['big1'], ['big4']]);
    expect(pages[0]?.cursor).toBeDefined();
  });

  it('a full page ends with a cursor only when items follow it', async () => {
    const ds = await datastoreClient(emu());
    await putAll(ds, things(10));
    const body = { limit: 5, expression: '#n >= :n', expression_attributes: { '#n': 'n' }, expression_values: { ':n': 3 } };
    const pages = await allPages(ds, body);
    expect(pages.map((p) => p.items.length)).toEqual([2, 5]);
    expect(pages[1]?.cursor).toBeUndefined();
  });

  it('a limit above 1000 evaluates 1000; limit 0 means the default', async () => {
    const ds = await datastoreClient(emu());
    await putAll(ds, things(1010));
    expect((await page(ds, { limit: 5000 })).items).toHaveLength(1000);
    expect((await page(ds, { limit: 0 })).items).toHaveLength(100);
    expect((await page(ds, { limit: '3' })).items).toHaveLength(3);
    expect((await page(ds, { limit: '' })).items).toHaveLength(100);
  });

  it('new items after the cursor position show up on later pages; deleted ones do not', async () => {
    const ds = await datastoreClient(emu());
    await putAll(ds, things(10));
    const first = await page(ds, { limit: 5 });
    await ds.call('put', { datastore: 'things', item: { id: 't9999' } });
    await ds.call('delete', { datastore: 'things', id: 't0007' });
    const rest = await allPages(ds, { limit: 5, cursor: first.cursor });
    expect(rest.flatMap((p) => p.items.map((i) => i.id))).toEqual(['t0005', 't0006', 't0008', 't0009', 't9999']);
  });

  it('takes form bodies, with expression maps as JSON strings', async () => {
    const ds = await datastoreClient(emu());
    await putAll(ds, things(5));
    const r = await emu().form('apps.datastore.query', {
      token: ds.token,
      app_id: ds.appId,
      datastore: 'things',
      expression: '#n >= :v',
      expression_attributes: JSON.stringify({ '#n': 'n' }),
      expression_values: JSON.stringify({ ':v': 3 }),
      limit: '2',
    });
    expect(r).toMatchObject({ ok: true, items: [], response_metadata: { next_cursor: expect.any(String) } });
    const bad = await emu().form('apps.datastore.count', {
      token: ds.token,
      app_id: ds.appId,
      datastore: 'things',
      expression: 'n = :v',
      expression_values: '{nope',
    });
    expect(bad).toEqual({ ok: false, error: 'invalid_arguments' });
  });

  it.each([-1, 1.5, 'abc', true])('limit %j is invalid_arguments', async (limit) => {
    const ds = await datastoreClient(emu());
    expect(await ds.call('query', { datastore: 'things', limit })).toEqual({ ok: false, error: 'invalid_arguments' });
  });

  it('unknown, garbled, tampered and other datastores’ cursors are invalid_cursor', async () => {
    const ds = await datastoreClient(emu());
    await putAll(ds, things(5));
    await ds.call('put', { datastore: 'tasks', item: { task_id: 'a' } });
    await ds.call('put', { datastore: 'tasks', item: { task_id: 'b' } });
    const cursor = (await page(ds, { limit: 2 })).cursor as string;
    const tasks = await ds.call('query', { datastore: 'tasks', limit: 1 });
    const tasksCursor = (tasks.response_metadata as { next_cursor: string }).next_cursor;
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Json;
    const tampered = Buffer.from(JSON.stringify({ ...decoded, k: 't0000' })).toString('base64url');
    for (const bad of ['nope', 'eyJfX2NWaV', '!!!', `${cursor}x`, tampered, tasksCursor, Buffer.from('[]').toString('base64')]) {
      expect(await ds.call('query', { datastore: 'things', cursor: bad })).toEqual({ ok: false, error: 'invalid_cursor' });
    }
    expect((await page(ds, { cursor })).items).toHaveLength(3);
  });

  it('the longest expressions DynamoDB takes (300 operators) still count', async () => {
    const ds = await datastoreClient(emu());
    await putAll(ds, things(30));
    const values = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`:v${i}`, i]));
    const terms = (n: number) => Array.from({ length: n }, (_, i) => `n = :v${i % 10}`);
    // 150 = and 149 OR; 100 =, 99 AND and 99 NOT.
    for (const [expression, count] of [
      [terms(150).join(' OR '), 10],
      [terms(100).join(' AND NOT '), 0],
    ] as const) {
      const r = await ds.call('count', { datastore: 'things', expression, expression_values: values });
      expect(r, expression.slice(-40)).toEqual({ ok: true, datastore: 'things', count });
    }
    const tooMany = await ds.call('count', { datastore: 'things', expression: terms(151).join(' OR '), expression_values: values });
    expect(tooMany).toMatchObject({ ok: false, error: 'datastore_error', errors: [{ message: expect.stringMatching(/too many operators/) }] });
    expect(emu().errors).toEqual([]);
  });

  it('count covers the whole datastore, ignoring limit and cursor', async () => {
    const ds = await datastoreClient(emu());
    await putAll(ds, things(120));
    expect(await ds.call('count', { datastore: 'things' })).toEqual({ ok: true, datastore: 'things', count: 120 });
    expect(await ds.call('count', { datastore: 'things', ...EVERY_TENTH })).toEqual({ ok: true, datastore: 'things', count: 120 });
    expect(await ds.call('count', { datastore: 'tasks' })).toEqual({ ok: true, datastore: 'tasks', count: 0 });
  });
});
