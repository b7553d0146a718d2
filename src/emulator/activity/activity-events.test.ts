import { describe, expect, it } from 'vitest';
import { datastoreClient } from '../../../test/helpers/datastore.js';
import { createApp, deployableZip, seedUser, uploadZip } from '../../../test/helpers/hosting.js';
import { useInProcessEmulator, type InProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';

const NOW_US = Date.parse('2026-11-28T12:00:00Z') * 1000;

/** The app's whole log, oldest first, every level. */
async function log(emu: InProcessEmulator, token: string, appId: string, extra: Json = {}): Promise<Json[]> {
  const r = await emu.json('apps.activities.list', { app_id: appId, sort_direction: 'asc', min_log_level: 'trace', limit: 1000, ...extra }, token);
  if (r.ok !== true) throw new Error(JSON.stringify(r));
  return r.activities as Json[];
}

describe('events the emulator records', () => {
  const emu = useInProcessEmulator();

  it('a deployment: function_deployment, created on the first and updated after', async () => {
    const { token, appId } = await createApp(emu());
    const zip = await deployableZip();
    for (let i = 0; i < 2; i++) {
      const key = await uploadZip(emu(), token, appId, zip);
      expect(await emu().json('apps.hosted.upload', { app_id: appId, s3_key: key, runtime: 'deno' }, token)).toEqual({ ok: true });
    }
    const payload = { user_id: 'U0EMULATOR', team_id: 'T0EMULATOR', app_id: appId };
    const base = {
      level: 'info',
      event_type: 'function_deployment',
      source: 'slack',
      component_type: '',
      component_id: '',
      trace_id: expect.stringMatching(/^Tr/),
      created: NOW_US,
    };
    expect(await log(emu(), token, appId)).toEqual([
      { ...base, payload: { action: 'create', ...payload } },
      { ...base, payload: { action: 'update', ...payload } },
    ]);
  });

  it('a refused deployment records nothing', async () => {
    const { token, appId } = await createApp(emu());
    expect(await emu().json('apps.hosted.upload', { app_id: appId, s3_key: 'nope', runtime: 'deno' }, token)).toMatchObject({ ok: false });
    expect(await log(emu(), token, appId)).toEqual([]);
  });

  it('each datastore request: datastore_request_result, level error with the reason when it failed', async () => {
    const ds = await datastoreClient(emu());
    await ds.call('put', { datastore: 'tasks', item: { task_id: 't1', title: 'x' } });
    await ds.call('get', { datastore: 'tasks', id: 't1' });
    await ds.call('put', { datastore: 'tasks', item: { title: 'no key' } });
    await ds.call('bulkPut', { datastore: 'tasks', items: [{ task_id: 'a' }, { task_id: 'b' }] });
    await ds.call('query', { datastore: 'tasks', expression: '#t = :t', expression_attributes: { '#t': 'title' }, expression_values: { ':t': 'x' } });
    await ds.call('count', { datastore: 'tasks' });
    await ds.call('delete', { datastore: 'tasks', id: 't1' });
    await emu().control('datastore/fail-items', { count: 1 });
    await ds.call('bulkDelete', { datastore: 'tasks', ids: ['a', 'b'] });
    const events = await log(emu(), ds.token, ds.appId);
    for (const e of events)
      expect(e).toMatchObject({ event_type: 'datastore_request_result', source: 'slack', component_type: 'tables', component_id: 'tasks' });
    expect(events.map((e) => [e.level, e.payload])).toEqual([
      ['info', { datastore_name: 'tasks', request_type: 'put', details: 'id: t1' }],
      ['info', { datastore_name: 'tasks', request_type: 'get', details: 'id: t1' }],
      ['error', { datastore_name: 'tasks', request_type: 'put', details: '', error: expect.stringMatching(/^datastore_error: .+/) }],
      ['info', { datastore_name: 'tasks', request_type: 'bulkPut', details: '2 items' }],
      ['info', { datastore_name: 'tasks', request_type: 'query', details: 'expression: #t = :t' }],
      ['info', { datastore_name: 'tasks', request_type: 'count', details: 'all items' }],
      ['info', { datastore_name: 'tasks', request_type: 'delete', details: 'id: t1' }],
      ['error', { datastore_name: 'tasks', request_type: 'bulkDelete', details: '2 ids', error: 'partial_failure: 1 failed' }],
    ]);
    // Each request is its own trace.
    expect(new Set(events.map((e) => e.trace_id)).size).toBe(events.length);
    expect(await log(emu(), ds.token, ds.appId, { min_log_level: 'error' })).toHaveLength(2);
  });

  it('counts one item or one id in the singular and more in the plural', async () => {
    const ds = await datastoreClient(emu());
    await ds.call('bulkPut', { datastore: 'tasks', items: [{ task_id: 'a' }] });
    await ds.call('bulkGet', { datastore: 'tasks', ids: ['a'] });
    await ds.call('bulkDelete', { datastore: 'tasks', ids: [] });
    const details = (await log(emu(), ds.token, ds.appId, { sort_direction: 'asc' })).map((e) => (e.payload as { details: string }).details);
    expect(details).toEqual(['1 item', '1 id', '0 ids']);
  });

  it('a datastore request refused before reaching a datastore belongs to no log', async () => {
    const ds = await datastoreClient(emu());
    const stranger = await seedUser(emu());
    await emu().json('apps.datastore.get', { app_id: ds.appId, datastore: 'tasks', id: 'x' }, stranger);
    await ds.call('get', { datastore: 'nope', id: 'x' });
    expect(await log(emu(), ds.token, ds.appId)).toEqual([]);
  });

  it('a login and a revocation: user_login and token_revoked in the log of every app of the user, sharing one trace', async () => {
    const first = await createApp(emu());
    const second = await createApp(emu());
    const login = await emu().login();
    await emu().form('auth.revoke', { token: String(login.token), test: 'true' });
    await emu().form('auth.revoke', { token: String(login.token) });
    await emu().form('auth.revoke', { token: String(login.refresh_token) });
    const user = { user_id: 'U0EMULATOR', team_id: 'T0EMULATOR' };
    // The second createApp logged in while the first app existed: that login is in the first app's log only.
    const logs = await Promise.all([log(emu(), first.token, first.appId), log(emu(), first.token, second.appId)]);
    expect(logs[0]?.map((e) => [e.event_type, e.payload])).toEqual([
      ['user_login', { ...user, token_kind: 'service' }],
      ['user_login', { ...user, token_kind: 'rotating' }],
      ['token_revoked', { ...user, token_kind: 'access' }],
      ['token_revoked', { ...user, token_kind: 'refresh' }],
    ]);
    expect(logs[1]?.map((e) => e.event_type)).toEqual(['user_login', 'token_revoked', 'token_revoked']);
    expect(logs[1]?.map((e) => e.trace_id)).toEqual(logs[0]?.slice(1).map((e) => e.trace_id));
  });

  it('a login by a user with no app records nothing anywhere', async () => {
    const { token, appId } = await createApp(emu());
    const stranger = await seedUser(emu());
    await emu().form('auth.revoke', { token: stranger });
    expect(await log(emu(), token, appId)).toEqual([]);
  });
});
