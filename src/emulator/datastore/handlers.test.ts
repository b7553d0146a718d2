import { describe, expect, it } from 'vitest';
import { datastoreClient, datastoreManifest } from '../../../test/helpers/datastore.js';
import { createApp, hostedManifest, seedUser } from '../../../test/helpers/hosting.js';
import { rawRequest, useInProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import { MAX_API_BODY_BYTES } from '../http/request.js';

const dsError = (code: string, pointer: string, extra: Json = {}) => ({
  ok: false,
  error: 'datastore_error',
  errors: [{ code, message: expect.any(String), pointer, ...extra }],
});

describe('apps.datastore single-item methods', () => {
  const emu = useInProcessEmulator();

  it('put stores and replaces; get reads it back; the answers fit the schemas', async () => {
    const ds = await datastoreClient(emu());
    const item = { id: 'a1', name: 'first', n: 1.5, count: 2, flag: true, tags: ['x'], meta: { k: 'v' }, owner: 'U1' };
    expect(await ds.call('put', { datastore: 'things', item })).toEqual({ ok: true, datastore: 'things', item });
    expect(await ds.call('get', { datastore: 'things', id: 'a1' })).toEqual({ ok: true, datastore: 'things', item });
    expect(await ds.call('put', { datastore: 'things', item: { id: 'a1', name: 'second' } })).toMatchObject({ ok: true });
    expect(await ds.call('get', { datastore: 'things', id: 'a1' })).toEqual({ ok: true, datastore: 'things', item: { id: 'a1', name: 'second' } });
    expect(await ds.all()).toEqual([{ id: 'a1', name: 'second' }]);
  });

  it('get of a missing item answers an empty item', async () => {
    const ds = await datastoreClient(emu());
    expect(await ds.call('get', { datastore: 'things', id: 'nope' })).toEqual({ ok: true, datastore: 'things', item: {} });
  });

  it('update merges into the stored item, and creates it when absent', async () => {
    const ds = await datastoreClient(emu());
    expect(await ds.call('update', { datastore: 'tasks', item: { task_id: 't1', title: 'new' } })).toEqual({
      ok: true,
      datastore: 'tasks',
      item: { task_id: 't1', title: 'new' },
    });
    expect(await ds.call('update', { datastore: 'tasks', item: { task_id: 't1', priority: 3 } })).toEqual({
      ok: true,
      datastore: 'tasks',
      item: { task_id: 't1', title: 'new', priority: 3 },
    });
    expect(await ds.all('tasks')).toEqual([{ task_id: 't1', title: 'new', priority: 3 }]);
  });

  it('delete answers the id, whether or not the item was there', async () => {
    const ds = await datastoreClient(emu());
    await ds.call('put', { datastore: 'things', item: { id: 'gone' } });
    expect(await ds.call('delete', { datastore: 'things', id: 'gone' })).toEqual({ ok: true, datastore: 'things', id: 'gone' });
    expect(await ds.call('delete', { datastore: 'things', id: 'gone' })).toEqual({ ok: true, datastore: 'things', id: 'gone' });
    expect(await ds.all()).toEqual([]);
  });

  it('takes form bodies with the item as a JSON string, as curl sends them', async () => {
    const ds = await datastoreClient(emu());
    const r = await emu().form('apps.datastore.put', { token: ds.token, app_id: ds.appId, datastore: 'things', item: JSON.stringify({ id: 'f1', n: 2 }) });
    expect(r).toEqual({ ok: true, datastore: 'things', item: { id: 'f1', n: 2 } });
  });

  it.each([
    { name: 'no primary key', item: { name: 'x' }, code: 'missing_primary_key', pointer: '/item/id' },
    { name: 'a numeric primary key', item: { id: 7 }, code: 'invalid_primary_key', pointer: '/item/id' },
    { name: 'an empty primary key', item: { id: '' }, code: 'invalid_primary_key', pointer: '/item/id' },
    { name: 'an undeclared attribute', item: { id: 'a', priority: 1 }, code: 'unknown_attribute', pointer: '/item/priority' },
    { name: 'a string for a number', item: { id: 'a', n: '1' }, code: 'invalid_attribute_type', pointer: '/item/n' },
    { name: 'a fraction for an integer', item: { id: 'a', count: 1.5 }, code: 'invalid_attribute_type', pointer: '/item/count' },
    { name: 'a number for a boolean', item: { id: 'a', flag: 1 }, code: 'invalid_attribute_type', pointer: '/item/flag' },
    { name: 'an object for an array', item: { id: 'a', tags: {} }, code: 'invalid_attribute_type', pointer: '/item/tags' },
    { name: 'an array for an object', item: { id: 'a', meta: [] }, code: 'invalid_attribute_type', pointer: '/item/meta' },
    { name: 'a number for a user ID', item: { id: 'a', owner: 5 }, code: 'invalid_attribute_type', pointer: '/item/owner' },
    { name: 'a name needing an escaped pointer', item: { id: 'a', 'x/y': 1 }, code: 'unknown_attribute', pointer: '/item/x~1y' },
  ])('put and update refuse $name', async ({ item, code, pointer }) => {
    const ds = await datastoreClient(emu());
    for (const method of ['put', 'update']) expect(await ds.call(method, { datastore: 'things', item })).toEqual(dsError(code, pointer));
    expect(await ds.all()).toEqual([]);
  });

  it('reports every problem of an item; null clears an attribute of any type', async () => {
    const ds = await datastoreClient(emu());
    const r = await ds.call('put', { datastore: 'things', item: { id: 'a', n: 'x', flag: 'y' } });
    expect((r.errors as Json[]).map((e) => e.pointer)).toEqual(['/item/n', '/item/flag']);
    expect(await ds.call('put', { datastore: 'things', item: { id: 'a', n: null, flag: null } })).toMatchObject({ ok: true });
  });

  it('refuses items over 400 KB; a body over 16 MB is request_too_large', async () => {
    const ds = await datastoreClient(emu());
    expect(await ds.call('put', { datastore: 'things', item: { id: 'big', blob: 'x'.repeat(400 * 1024) } })).toEqual(dsError('item_too_large', '/item'));
    await ds.call('put', { datastore: 'things', item: { id: 'big', blob: 'x'.repeat(300 * 1024) } });
    expect(await ds.call('update', { datastore: 'things', item: { id: 'big', name: 'y'.repeat(150 * 1024) } })).toEqual(dsError('item_too_large', '/item'));
    const body = JSON.stringify({ app_id: ds.appId, datastore: 'things', item: { id: 'huge', blob: 'x'.repeat(MAX_API_BODY_BYTES) } });
    const r = await rawRequest(`${emu().url}/api/apps.datastore.put`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ds.token}` },
      chunks: [body],
    });
    expect(JSON.parse(r.text)).toEqual({ ok: false, error: 'request_too_large' });
  });

  it('refuses lists and maps nested deeper than 32 levels, however deep', async () => {
    const ds = await datastoreClient(emu());
    // Built as text: JSON.stringify itself overflows the stack on the deepest of these.
    const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const send = async (method: string, json: string) => {
      const res = await fetch(`${emu().url}/api/apps.datastore.${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ds.token}` },
        body: json,
      });
      return (await res.json()) as Json;
    };
    const head = `"app_id": "${ds.appId}", "datastore": "things"`;
    expect(await send('put', `{${head}, "item": {"id": "ok", "tags": ${nest(32)}}}`)).toMatchObject({ ok: true });
    for (const depth of [33, 200_000]) {
      expect(await send('put', `{${head}, "item": {"id": "deep", "tags": ${nest(depth)}}}`)).toEqual(dsError('item_too_deep', '/item'));
      expect(await send('bulkPut', `{${head}, "items": [{"id": "deep", "tags": ${nest(depth)}}]}`)).toMatchObject({
        errors: [{ code: 'item_too_deep', pointer: '/items/0' }],
      });
      const values = `"expression": "#t = :v", "expression_attributes": {"#t": "tags"}, "expression_values": {":v": ${nest(depth)}}`;
      expect(await send('count', `{${head}, ${values}}`)).toEqual(dsError('invalid_expression', '/expression_values'));
    }
    expect(emu().errors).toEqual([]);
  });

  it('an unknown datastore is datastore_config_not_found', async () => {
    const ds = await datastoreClient(emu());
    for (const [method, body] of [
      ['put', { item: { id: 'a' } }],
      ['get', { id: 'a' }],
      ['query', {}],
      ['count', {}],
      ['bulkGet', { ids: ['a'] }],
    ] as const) {
      expect(await ds.call(method, { datastore: 'nope', ...body })).toEqual(dsError('datastore_config_not_found', '/datastores'));
    }
  });

  it.each([
    { name: 'no datastore', body: { item: { id: 'a' } } },
    { name: 'an item that is not an object', body: { datastore: 'things', item: ['a'] } },
    { name: 'an item that is not JSON', body: { datastore: 'things', item: '{nope' } },
  ])('put with $name is invalid_arguments', async ({ body }) => {
    const ds = await datastoreClient(emu());
    expect(await ds.call('put', body)).toEqual({ ok: false, error: 'invalid_arguments' });
  });

  it('get and delete need an id', async () => {
    const ds = await datastoreClient(emu());
    for (const method of ['get', 'delete']) expect(await ds.call(method, { datastore: 'things' })).toEqual({ ok: false, error: 'invalid_arguments' });
  });

  it('a datastore removed with force_update loses its items; the others keep theirs', async () => {
    const ds = await datastoreClient(emu());
    await ds.call('put', { datastore: 'tasks', item: { task_id: 't' } });
    await ds.call('put', { datastore: 'things', item: { id: 'x' } });
    const full = datastoreManifest();
    const { tasks: _dropped, ...rest } = full.datastores as Json;
    const update = (manifest: Json) => emu().json('apps.manifest.update', { app_id: ds.appId, manifest, force_update: true }, ds.token);
    expect(await update({ ...full, datastores: rest })).toMatchObject({ ok: true });
    expect(await ds.call('count', { datastore: 'tasks' })).toMatchObject({ error: 'datastore_error' });
    expect(await update(full)).toMatchObject({ ok: true });
    expect(await ds.call('count', { datastore: 'tasks' })).toEqual({ ok: true, datastore: 'tasks', count: 0 });
    expect(await ds.all()).toEqual([{ id: 'x' }]);
  });

  it('an app that does not run on Slack has no datastores: app_not_hosted', async () => {
    const { token, appId } = await createApp(emu(), hostedManifest({ settings: {}, functions: {}, workflows: {} }));
    expect(await emu().json('apps.datastore.get', { app_id: appId, datastore: 'tasks', id: 'a' }, token)).toEqual({ ok: false, error: 'app_not_hosted' });
  });
});

describe('apps.datastore tenant isolation', () => {
  const emu = useInProcessEmulator();

  it('another team’s token, or a user of the team who is no collaborator, gets invalid_app_id', async () => {
    const ds = await datastoreClient(emu());
    await ds.call('put', { datastore: 'things', item: { id: 'secret' } });
    const outsider = await seedUser(emu());
    const teammate = await seedUser(emu(), { team_id: 'T0EMULATOR', team_domain: 'emulator', user_id: 'U0TEAMMATE' });
    for (const token of [outsider, teammate]) {
      for (const [method, body] of [
        ['get', { id: 'secret' }],
        ['query', {}],
        ['count', {}],
        ['put', { item: { id: 'x' } }],
        ['bulkDelete', { ids: ['secret'] }],
      ] as const) {
        expect(await emu().json(`apps.datastore.${method}`, { app_id: ds.appId, datastore: 'things', ...body }, token)).toEqual({
          ok: false,
          error: 'invalid_app_id',
        });
      }
    }
    expect(await ds.all()).toEqual([{ id: 'secret' }]);
  });

  it('datastores of two apps with the same name are separate; no token is not_authed', async () => {
    const a = await datastoreClient(emu());
    const b = await datastoreClient(emu(), datastoreManifest());
    await a.call('put', { datastore: 'things', item: { id: 'same', name: 'a' } });
    await b.call('put', { datastore: 'things', item: { id: 'same', name: 'b' } });
    expect(await a.call('get', { datastore: 'things', id: 'same' })).toMatchObject({ item: { name: 'a' } });
    expect(await b.call('count', { datastore: 'things' })).toEqual({ ok: true, datastore: 'things', count: 1 });
    expect(await emu().json('apps.datastore.get', { app_id: a.appId, datastore: 'things', id: 'same' })).toEqual({ ok: false, error: 'not_authed' });
  });

  it('an app’s bot token reaches its own datastores without app_id, and no other app’s', async () => {
    const ds = await datastoreClient(emu());
    const other = await datastoreClient(emu());
    const install = async () => {
      const r = await emu().json('apps.developerInstall', { app_id: ds.appId }, ds.token);
      return String((r.api_access_tokens as Json).bot);
    };
    const bot = await install();
    expect(await emu().json('apps.datastore.put', { datastore: 'tasks', item: { task_id: 'b1' } }, bot)).toEqual({
      ok: true,
      datastore: 'tasks',
      item: { task_id: 'b1' },
    });
    expect(await emu().json('apps.datastore.get', { app_id: ds.appId, datastore: 'tasks', id: 'b1' }, bot)).toMatchObject({
      ok: true,
      item: { task_id: 'b1' },
    });
    expect(await emu().json('apps.datastore.get', { app_id: other.appId, datastore: 'tasks', id: 'b1' }, bot)).toEqual({ ok: false, error: 'invalid_app_id' });
    await install();
    expect(await emu().json('apps.datastore.get', { datastore: 'tasks', id: 'b1' }, bot)).toEqual({ ok: false, error: 'invalid_auth' });
    expect(await emu().json('apps.datastore.get', { datastore: 'tasks', id: 'b1' }, 'xoxb-1-2-made-up')).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it('the control endpoint lists items and refuses incomplete or unknown requests', async () => {
    const ds = await datastoreClient(emu());
    const get = (q: string) => fetch(`${emu().url}/__emulator/datastore${q}`).then(async (r) => ({ status: r.status, body: (await r.json()) as Json }));
    expect(await get(`?app_id=${ds.appId}&datastore=things`)).toEqual({
      status: 200,
      body: { ok: true, app_id: ds.appId, datastore: 'things', count: 0, items: [] },
    });
    expect((await get(`?app_id=${ds.appId}`)).status).toBe(400);
    expect((await get('?app_id=A0NOTHERE00&datastore=things')).status).toBe(404);
    expect((await emu().control('datastore/fail-items', { count: -1 })).status).toBe(400);
  });
});
