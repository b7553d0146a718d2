import { describe, expect, it } from 'vitest';
import { datastoreClient } from '../../../test/helpers/datastore.js';
import { useInProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';

/** What the app's log says of its datastore calls, oldest first. */
async function loggedCalls(emu: ReturnType<ReturnType<typeof useInProcessEmulator>>, token: string, appId: string): Promise<string[]> {
  const r = await emu.json('apps.activities.list', { app_id: appId, sort_direction: 'asc', limit: 100 }, token);
  const activities = r.activities as Array<{ event_type: string; payload: Json }>;
  return activities.filter((a) => a.event_type === 'datastore_request_result').map((a) => `${a.payload.request_type} ${a.payload.details}`);
}

describe('the activity events of datastore reads', () => {
  const emu = useInProcessEmulator();

  it('are in the log, in the order the calls were made, as soon as anyone reads it', async () => {
    const ds = await datastoreClient(emu());
    await ds.call('put', { datastore: 'things', item: { id: 'a' } });
    await ds.call('get', { datastore: 'things', id: 'a' });
    await ds.call('query', { datastore: 'things' });
    await ds.call('put', { datastore: 'things', item: { id: 'b' } });
    await ds.call('count', { datastore: 'things' });
    expect(await loggedCalls(emu(), ds.token, ds.appId)).toEqual(['put id: a', 'get id: a', 'query all items', 'put id: b', 'count all items']);
  });

  it('are dropped when the disk is full, said once; the reads answer all the same', async () => {
    const ds = await datastoreClient(emu());
    await ds.call('put', { datastore: 'things', item: { id: 'a', name: 'kept' } });
    expect((await emu().control('disk', { full: true })).status).toBe(200);

    expect(await ds.call('get', { datastore: 'things', id: 'a' })).toEqual({ ok: true, datastore: 'things', item: { id: 'a', name: 'kept' } });
    expect(await ds.call('query', { datastore: 'things' })).toEqual({ ok: true, datastore: 'things', items: [{ id: 'a', name: 'kept' }] });
    expect(await ds.call('count', { datastore: 'things' })).toEqual({ ok: true, datastore: 'things', count: 1 });
    expect(await ds.call('bulkGet', { datastore: 'things', ids: ['a'] })).toMatchObject({ ok: true, items: [{ id: 'a', name: 'kept' }] });
    // A refusal is an answer too, logged (or not) as a success is.
    expect(await ds.call('get', { datastore: 'nope', id: 'a' })).toMatchObject({ ok: false });
    expect(await loggedCalls(emu(), ds.token, ds.appId)).toEqual(['put id: a']);
    await ds.call('get', { datastore: 'things', id: 'a' });
    expect(await loggedCalls(emu(), ds.token, ds.appId)).toEqual(['put id: a']);
    const dropped = emu().errors.filter((e) => e.includes('were not kept'));
    expect(dropped).toEqual([expect.stringContaining('(the disk is full); requests still answer, unlogged, until writes succeed again.')]);

    await emu().control('disk', { full: false });
    await ds.call('get', { datastore: 'things', id: 'a' });
    expect(await loggedCalls(emu(), ds.token, ds.appId)).toEqual(['put id: a', 'get id: a']);
  });
});
