import { describe, expect, it } from 'vitest';
import { datastoreClient, putAll, type DatastoreClient } from '../../../../test/helpers/datastore.js';
import { useInProcessEmulator, type InProcessEmulator, type Json } from '../../../../test/helpers/in-process-emulator.js';
import { compileWhere } from '../../../datastore/where.js';
import { MAX_IMPORT_BYTES } from './datastore-transfer.js';

const emu = useInProcessEmulator();

/** The console's API as the page calls it: reads plain, writes with the shell's same-origin token. */
async function consoleApi(e: InProcessEmulator) {
  const html = await (await fetch(e.url)).text();
  const token = /<meta name="rosi-console-token" content="([^"]+)">/.exec(html)?.[1] ?? '';
  const base = `${e.url}/__console/api/`;
  const answer = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });
  return {
    get: async (path: string) => answer(await fetch(base + path)),
    write: async (method: string, path: string, body?: string, type = 'application/json') =>
      answer(await fetch(base + path, { method, headers: { 'x-rosi-console-token': token, 'content-type': type }, ...(body === undefined ? {} : { body }) })),
    raw: (path: string) => fetch(base + path),
  };
}

/** The datastore requests in the app's activity log, oldest first: `put info`, `put error`… */
async function datastoreRequests(e: InProcessEmulator, ds: DatastoreClient): Promise<string[]> {
  const r = await e.json('apps.activities.list', { app_id: ds.appId, min_log_level: 'trace', sort_direction: 'asc', limit: 1000 }, ds.token);
  return (r.activities as { event_type: string; level: string; payload: { request_type: string } }[])
    .filter((a) => a.event_type === 'datastore_request_result')
    .map((a) => `${a.payload.request_type} ${a.level}`);
}

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `k${String(i).padStart(4, '0')}`, n: i, status: i % 2 ? 'odd' : 'even' }));

describe('the console’s datastore endpoints', () => {
  it('pages the items by key with the count, the manifest’s attributes as columns, and a filter', async () => {
    const ds = await datastoreClient(emu());
    await putAll(ds, items(120));
    const api = await consoleApi(emu());
    const first = await api.get(`apps/${ds.appId}/datastores/things/items?limit=50`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ app_id: ds.appId, datastore: 'things', primary_key: 'id', count: 120 });
    expect((first.body.attributes as { name: string }[]).map((a) => a.name).slice(0, 4)).toEqual(['id', 'name', 'n', 'count']);
    expect((first.body.items as Json[]).map((i) => i.id)[0]).toBe('k0000');
    const second = await api.get(`apps/${ds.appId}/datastores/things/items?limit=50&cursor=${encodeURIComponent(String(first.body.next_cursor))}`);
    expect((second.body.items as Json[])[0]).toMatchObject({ id: 'k0050' });
    const odd = await api.get(`apps/${ds.appId}/datastores/things/items?limit=50&where=${encodeURIComponent('status = "odd" and n >= 10')}`);
    expect(odd.body.count).toBe(55);
    expect((odd.body.items as Json[]).map((i) => i.id).slice(0, 2)).toEqual(['k0011', 'k0013']);
    expect(odd.body.items).toHaveLength(50);
    const rest = await api.get(
      `apps/${ds.appId}/datastores/things/items?limit=50&where=${encodeURIComponent('status = "odd" and n >= 10')}&cursor=${encodeURIComponent(String(odd.body.next_cursor))}`,
    );
    expect(rest.body.items).toHaveLength(5);
    expect(rest.body.next_cursor).toBeUndefined();
  });

  it('answers a bad filter with the CLI’s own message and caret, a bad cursor or limit as a problem', async () => {
    const ds = await datastoreClient(emu());
    const api = await consoleApi(emu());
    const where = 'status = done';
    const cli = (() => {
      try {
        compileWhere(where);
      } catch (e) {
        return e as Error & { details: string[] };
      }
    })();
    const bad = await api.get(`apps/${ds.appId}/datastores/things/items?where=${encodeURIComponent(where)}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid_where', message: cli?.message, details: cli?.details });
    expect(bad.body.hint).toContain('Did you mean status = "done"?');
    const unknown = await api.get(`apps/${ds.appId}/datastores/things/items?where=${encodeURIComponent('stauts = "x"')}`);
    expect(unknown.body.message).toBe('Invalid --where at column 1: datastore things has no attribute "stauts" (did you mean status?)');
    const cursor = await api.get(`apps/${ds.appId}/datastores/things/items?cursor=nonsense`);
    expect(cursor).toMatchObject({ status: 400, body: { error: 'invalid_cursor' } });
    expect((await api.get(`apps/${ds.appId}/datastores/things/items?limit=0`)).body.error).toBe('invalid_limit');
  });

  it('names what exists for an unknown app or datastore', async () => {
    const ds = await datastoreClient(emu());
    const api = await consoleApi(emu());
    const app = await api.get('apps/A0NOPE/datastores/things/items');
    expect(app).toMatchObject({ status: 404, body: { error: 'app_not_found', hint: expect.stringContaining(ds.appId) } });
    const store = await api.get(`apps/${ds.appId}/datastores/thigns/items`);
    expect(store).toMatchObject({
      status: 404,
      body: { error: 'datastore_not_found', message: `App ${ds.appId} has no datastore "thigns".`, hint: 'Its datastores: things, tasks.' },
    });
  });

  it('puts and deletes as apps.datastore.put and delete do, checks and activity entries included; reads leave none', async () => {
    const e = emu();
    const ds = await datastoreClient(e);
    const api = await consoleApi(e);
    const put = await api.write('PUT', `apps/${ds.appId}/datastores/things/items`, JSON.stringify({ item: { id: 'a/1', name: '<b>x</b>', n: 2 } }));
    expect(put).toEqual({ status: 200, body: { datastore: 'things', item: { id: 'a/1', name: '<b>x</b>', n: 2 } } });
    expect(await ds.call('get', { datastore: 'things', id: 'a/1' })).toMatchObject({ item: { name: '<b>x</b>' } });
    const invalid = await api.write('PUT', `apps/${ds.appId}/datastores/things/items`, JSON.stringify({ item: { id: 'b', n: 'two', nope: 1 } }));
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: 'datastore_error' });
    expect(invalid.body.details).toEqual([
      '/item/n: invalid_attribute_type: Attribute "n" must be of type number, got string',
      '/item/nope: unknown_attribute: The datastore "things" has no attribute "nope"',
    ]);
    const shape = await api.write('PUT', `apps/${ds.appId}/datastores/things/items`, JSON.stringify({ id: 'c' }));
    expect(shape).toMatchObject({ status: 400, body: { error: 'invalid_item' } });
    const del = await api.write('DELETE', `apps/${ds.appId}/datastores/things/items/${encodeURIComponent('a/1')}`);
    expect(del).toEqual({ status: 200, body: { datastore: 'things', id: 'a/1' } });
    expect(await ds.all()).toEqual([]);
    // The console's put, the test's own get, the refused put and the delete, as the API's calls leave them; the console's reads leave none.
    await api.get(`apps/${ds.appId}/datastores/things/items`);
    expect(await datastoreRequests(e, ds)).toEqual(['put info', 'get info', 'put error', 'delete info']);
  });

  it('refuses an oversized body with a problem', async () => {
    const ds = await datastoreClient(emu());
    const api = await consoleApi(emu());
    const huge = await api.write('PUT', `apps/${ds.appId}/datastores/things/items`, JSON.stringify({ item: { id: 'x', blob: 'y'.repeat(3 * 1024 * 1024) } }));
    expect(huge).toMatchObject({ status: 413, body: { error: 'too_large' } });
    const big = await api.write('PUT', `apps/${ds.appId}/datastores/things/items`, JSON.stringify({ item: { id: 'x', blob: 'y'.repeat(500 * 1024) } }));
    expect(big).toMatchObject({ status: 400, body: { error: 'datastore_error', details: [expect.stringContaining('item_too_large')] } });
    const file = await api.write('POST', `apps/${ds.appId}/datastores/things/import`, 'x'.repeat(MAX_IMPORT_BYTES + 1), 'application/x-ndjson');
    expect(file).toMatchObject({ status: 413, body: { error: 'too_large', hint: expect.stringContaining('rosi datastore import things') } });
  });

  it('imports JSON Lines by the CLI’s rules, with failures by line, and exports them back', async () => {
    const ds = await datastoreClient(emu());
    const api = await consoleApi(emu());
    const lines = [...items(30).map((i) => JSON.stringify(i)), '', 'not json', '{"name":"no key"}', '{"id":"bad","n":"x"}', '{"id":"k0001","n":100}'];
    const imported = await api.write('POST', `apps/${ds.appId}/datastores/things/import`, `${lines.join('\r\n')}\n`, 'application/x-ndjson');
    expect(imported).toEqual({
      status: 200,
      body: {
        datastore: 'things',
        lines: 35,
        stored: 31,
        failed: 3,
        skipped: 1,
        failures: [
          { line: 32, reason: 'not valid JSON' },
          { line: 33, reason: 'no primary key "id" (a non-empty string)' },
          { line: 34, reason: 'invalid_attribute_type: Attribute "n" must be of type number, got string' },
        ],
      },
    });
    expect(await ds.all()).toHaveLength(30);
    const res = await api.raw(`apps/${ds.appId}/datastores/things/export?where=${encodeURIComponent('n >= 28')}`);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${ds.appId}-things.jsonl"`);
    expect(await res.text()).toBe(`${JSON.stringify({ id: 'k0001', n: 100 })}\n${JSON.stringify(items(30)[28])}\n${JSON.stringify(items(30)[29])}\n`);
    const form = await api.write('POST', `apps/${ds.appId}/datastores/things/import`, '{}', 'application/json');
    expect(form).toMatchObject({ status: 415 });
  });
});
