import { describe, expect, it } from 'vitest';
import { datastoreClient } from '../../../test/helpers/datastore.js';
import { useInProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';

const things = (n: number, from = 0): Json[] => Array.from({ length: n }, (_, i) => ({ id: `t${String(from + i).padStart(3, '0')}`, n: from + i }));

describe('apps.datastore bulk methods', () => {
  const emu = useInProcessEmulator();

  it('bulkPut writes up to 25 items; bulkGet reads them, skipping IDs that are not there; bulkDelete removes them', async () => {
    const ds = await datastoreClient(emu());
    expect(await ds.call('bulkPut', { datastore: 'things', items: things(25) })).toEqual({ ok: true, datastore: 'things' });
    expect(await ds.all()).toHaveLength(25);
    const got = await ds.call('bulkGet', { datastore: 'things', ids: ['t003', 'missing', 't001'] });
    expect(got).toEqual({
      ok: true,
      datastore: 'things',
      items: [
        { id: 't003', n: 3 },
        { id: 't001', n: 1 },
      ],
    });
    expect(await ds.call('bulkDelete', { datastore: 'things', ids: ['t000', 't001', 'missing'] })).toEqual({ ok: true, datastore: 'things' });
    expect(await ds.call('count', { datastore: 'things' })).toEqual({ ok: true, datastore: 'things', count: 23 });
  });

  it('bulkPut takes 25 items near the 400 KB limit in one body', async () => {
    const ds = await datastoreClient(emu());
    const items = Array.from({ length: 25 }, (_, i) => ({ id: `big${i}`, blob: 'x'.repeat(399 * 1024) }));
    expect(await ds.call('bulkPut', { datastore: 'things', items })).toEqual({ ok: true, datastore: 'things' });
    expect(await ds.call('count', { datastore: 'things' })).toMatchObject({ count: 25 });
  });

  it('an empty list is fine', async () => {
    const ds = await datastoreClient(emu());
    expect(await ds.call('bulkPut', { datastore: 'things', items: [] })).toEqual({ ok: true, datastore: 'things' });
    expect(await ds.call('bulkGet', { datastore: 'things', ids: [] })).toEqual({ ok: true, datastore: 'things', items: [] });
  });

  it.each([
    { method: 'bulkPut', body: { items: things(26) }, pointer: '/items' },
    { method: 'bulkGet', body: { ids: things(26).map((t) => t.id) }, pointer: '/ids' },
    { method: 'bulkDelete', body: { ids: things(26).map((t) => t.id) }, pointer: '/ids' },
  ])('$method refuses more than 25', async ({ method, body, pointer }) => {
    const ds = await datastoreClient(emu());
    expect(await ds.call(method, { datastore: 'things', ...body })).toEqual({
      ok: false,
      error: 'datastore_error',
      errors: [{ code: 'too_many_items', message: 'A bulk call takes at most 25 items; got 26', pointer }],
    });
  });

  it('bulkPut with an invalid item writes nothing; each detail carries its item', async () => {
    const ds = await datastoreClient(emu());
    const bad = { id: 'b', n: 'not a number' };
    const r = await ds.call('bulkPut', { datastore: 'things', items: [{ id: 'a' }, bad, { name: 'no key' }] });
    expect(r).toEqual({
      ok: false,
      error: 'datastore_error',
      errors: [
        { code: 'invalid_attribute_type', message: 'Attribute "n" must be of type number, got string', pointer: '/items/1/n', item: bad },
        { code: 'missing_primary_key', message: 'The item has no primary key "id"', pointer: '/items/2/id', item: { name: 'no key' } },
      ],
    });
    expect(await ds.all()).toEqual([]);
  });

  it('a key given twice in one call is refused', async () => {
    const ds = await datastoreClient(emu());
    expect(await ds.call('bulkPut', { datastore: 'things', items: [{ id: 'a' }, { id: 'a', n: 1 }] })).toMatchObject({
      error: 'datastore_error',
      errors: [{ code: 'duplicate_primary_key', pointer: '/items/1', item: { id: 'a', n: 1 } }],
    });
    expect(await ds.call('bulkGet', { datastore: 'things', ids: ['a', 'a'] })).toMatchObject({
      errors: [{ code: 'duplicate_primary_key', pointer: '/ids/1' }],
    });
  });

  it.each([
    { method: 'bulkPut', body: { items: [{ id: 'a' }, 'b'] } },
    { method: 'bulkPut', body: { items: { id: 'a' } } },
    { method: 'bulkGet', body: { ids: ['a', 1] } },
    { method: 'bulkDelete', body: {} },
  ])('$method with $body is invalid_arguments', async ({ method, body }) => {
    const ds = await datastoreClient(emu());
    expect(await ds.call(method, { datastore: 'things', ...body })).toEqual({ ok: false, error: 'invalid_arguments' });
  });

  it('partial failures: bulkPut answers the failed items, the rest are written', async () => {
    const ds = await datastoreClient(emu());
    expect(await emu().control('datastore/fail-items', { count: 2 })).toEqual({ status: 200, body: { ok: true, remaining: 2 } });
    const r = await ds.call('bulkPut', { datastore: 'things', items: things(5) });
    expect(r).toEqual({ ok: false, error: 'partial_failure', datastore: 'things', failed_items: things(2) });
    expect((await ds.all()).map((i) => i.id)).toEqual(['t002', 't003', 't004']);
    expect(await ds.call('bulkPut', { datastore: 'things', items: r.failed_items })).toEqual({ ok: true, datastore: 'things' });
    expect(await ds.all()).toHaveLength(5);
  });

  it('partial failures: bulkGet and bulkDelete answer the failed IDs', async () => {
    const ds = await datastoreClient(emu());
    await ds.call('bulkPut', { datastore: 'things', items: things(4) });
    await emu().control('datastore/fail-items', { count: 1 });
    expect(await ds.call('bulkGet', { datastore: 'things', ids: ['t000', 't001'] })).toEqual({
      ok: false,
      error: 'partial_failure',
      datastore: 'things',
      items: [{ id: 't001', n: 1 }],
      failed_items: ['t000'],
    });
    await emu().control('datastore/fail-items', { count: 1 });
    expect(await ds.call('bulkDelete', { datastore: 'things', ids: ['t002', 't003'] })).toEqual({
      ok: false,
      error: 'partial_failure',
      datastore: 'things',
      failed_items: ['t002'],
    });
    expect((await ds.all()).map((i) => i.id)).toEqual(['t000', 't001', 't002']);
  });
});
