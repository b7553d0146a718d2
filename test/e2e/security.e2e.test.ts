import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToS3, type Presign } from '../helpers/hosting.js';
import { control, runRosi, SEEDED_APP as APP, startEmulator, startSeededEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { loginSplit } from './login-helpers.js';

// The emulator's tenant and token rules, checked from outside over HTTP: what a hostile
// or stale client gets back from the built emulator.
const manifest = {
  display_information: { name: 'Guarded' },
  functions: {},
  settings: { function_runtime: 'slack' },
  datastores: { tasks: { primary_key: 'id', attributes: { id: { type: 'string' }, title: { type: 'string' } } } },
};

let emu: EmulatorHandle;
let home: string;
let cleanup: () => void;
let owner: string;
let stranger: string;

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  emu = await startSeededEmulator(home, manifest);
  owner = (await control<{ token: string }>(emu, 'seed', { user_id: 'U0OWNER001' })).token;
  await control(emu, 'apps/collaborators', { app_id: APP, user_id: 'U0OWNER001' });
  stranger = (await control<{ token: string }>(emu, 'seed', { team_id: 'T0OTHERTEAM', team_domain: 'other', user_id: 'U0MALLORY1' })).token;
});
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});

async function call(method: string, token: string | undefined, body: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${emu.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

const appCalls: [string, Record<string, unknown>][] = [
  ['apps.manifest.export', { app_id: APP }],
  ['apps.hosted.generatePresignedPost', { app_id: APP }],
  ['apps.datastore.put', { app_id: APP, datastore: 'tasks', item: { id: 'x', title: 'planted' } }],
  ['apps.datastore.get', { app_id: APP, datastore: 'tasks', id: 'secret' }],
  ['apps.datastore.query', { app_id: APP, datastore: 'tasks' }],
  ['apps.datastore.count', { app_id: APP, datastore: 'tasks' }],
  ['apps.datastore.bulkDelete', { app_id: APP, datastore: 'tasks', ids: ['secret'] }],
  ['apps.activities.list', { app_id: APP }],
];

describe('tenant isolation', () => {
  it('the owner can read and write the app', async () => {
    expect(await call('apps.datastore.put', owner, { app_id: APP, datastore: 'tasks', item: { id: 'secret', title: 'owner only' } })).toMatchObject({
      ok: true,
    });
    for (const [method, body] of appCalls) expect(await call(method, owner, body), method).toMatchObject({ ok: true });
    // bulkDelete above removed it; put it back for the stranger's checks.
    await call('apps.datastore.put', owner, { app_id: APP, datastore: 'tasks', item: { id: 'secret', title: 'owner only' } });
  });

  it.each(appCalls)('another team’s token gets invalid_app_id from %s and changes nothing', async (method, body) => {
    const stored = async () => (await control<{ items: { id: string }[] }>(emu, `datastore?app_id=${APP}&datastore=tasks`)).items;
    const before = await stored();
    expect(await call(method, stranger, body)).toEqual(expect.objectContaining({ ok: false, error: 'invalid_app_id' }));
    expect(await stored()).toEqual(before);
    expect(before).toContainEqual({ id: 'secret', title: 'owner only' });
  });

  it('through rosi: exit 1 naming invalid_app_id, and no token in the output', async () => {
    const r = await runRosi(['datastore', 'query', '--datastore', 'tasks', '--app', APP, '--token', stranger, '--apihost', emu.url], { home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid_app_id');
  });
});

describe('revoked and expired tokens', () => {
  it('a revoked token is refused by every method', async () => {
    const t = (await control<{ token: string }>(emu, 'seed', { user_id: 'U0REVOKED1' })).token;
    await control(emu, 'apps/collaborators', { app_id: APP, user_id: 'U0REVOKED1' });
    expect(await call('auth.test', t)).toMatchObject({ ok: true });
    expect(await call('auth.revoke', t)).toMatchObject({ ok: true, revoked: true });
    for (const [method, body] of [['auth.test', {}], ...appCalls] as const) {
      expect(await call(method, t, body), method).toEqual(expect.objectContaining({ ok: false, error: 'token_revoked' }));
    }
  });

  it('an expired token is refused by every method', async () => {
    const quick = await startEmulator(['--in-memory', '--control', '--token-ttl', '1s']);
    try {
      const h = join(home, 'expired');
      mkdirSync(h);
      await loginSplit(quick, h);
      const login = (JSON.parse(readFileSync(join(h, '.slack', 'credentials.json'), 'utf8')) as Record<string, { token: string }>)[quick.teamId]!;
      await new Promise((r) => setTimeout(r, 1_200));
      for (const method of ['auth.test', 'apps.manifest.export', 'apps.datastore.query']) {
        const res = await fetch(`${quick.url}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' },
          body: '{"app_id":"A0NONE00001","datastore":"tasks"}',
        });
        expect(await res.json(), method).toEqual(expect.objectContaining({ ok: false, error: 'token_expired' }));
      }
    } finally {
      await quick.stop();
    }
  });

  it('no token at all: not_authed', async () => {
    expect(await call('apps.datastore.query', undefined, { app_id: APP, datastore: 'tasks' })).toEqual(
      expect.objectContaining({ ok: false, error: 'not_authed' }),
    );
  });
});

describe('uploads and malformed requests', () => {
  it('a tampered presigned POST is rejected by the upload host', async () => {
    const p = (await call('apps.hosted.generatePresignedPost', owner, { app_id: APP })) as unknown as Presign;
    const zip = Buffer.from('PK\u0003\u0004 not really a zip');
    const otherKey = await postToS3(p, zip, { override: { key: p.fields.key!.replace(APP, 'A0VICTIM001') } });
    expect(otherKey.status).toBe(403);
    const forgedPolicy = Buffer.from(JSON.stringify({ expiration: '2099-01-01T00:00:00Z', conditions: [] })).toString('base64');
    expect((await postToS3(p, zip, { override: { Policy: forgedPolicy } })).status).toBe(403);
    expect((await postToS3(p, zip, { override: { 'X-Amz-Signature': '0'.repeat(64) } })).status).toBe(403);
  });

  it.each([
    { name: 'malformed JSON', headers: { 'content-type': 'application/json' }, body: '{"app_id": ', error: 'invalid_json' },
    { name: 'a JSON array', headers: { 'content-type': 'application/json' }, body: '[1]', error: 'invalid_json' },
    { name: 'malformed form data', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=%E0%A4%A', error: 'invalid_form_data' },
  ])('$name → a Slack-shaped $error', async ({ headers, body, error }) => {
    const res = await fetch(`${emu.url}/api/apps.datastore.query`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${owner}` }, body });
    expect(await res.json()).toEqual(expect.objectContaining({ ok: false, error }));
  });

  it('an oversized body → request_too_large, and the emulator keeps serving', async () => {
    const big = `{"app_id":"${APP}","datastore":"tasks","item":{"id":"big","title":"${'x'.repeat(17 * 1024 * 1024)}"}}`;
    const res = await fetch(`${emu.url}/api/apps.datastore.put`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner}` },
      body: big,
    });
    expect(await res.json()).toEqual(expect.objectContaining({ ok: false, error: 'request_too_large' }));
    expect(await call('auth.test', owner)).toMatchObject({ ok: true });
  });
});
