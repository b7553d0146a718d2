import { describe, expect, it } from 'vitest';
import { createApp, deployableZip, postToS3, presign } from '../../../test/helpers/hosting.js';
import { useInProcessEmulator } from '../../../test/helpers/in-process-emulator.js';
import { parseFaults } from './faults.js';

const post = (url: string, body = '{}', token?: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });

describe('--faults on the API', () => {
  const emu = useInProcessEmulator({ faults: parseFaults('auth:429=3@50%,apps:503@100%') });

  it('429 and 503 refuse before the method runs, with Retry-After when one is set', async () => {
    const first = await post(`${emu().url}/api/auth.test`);
    expect(first.status).toBe(200);
    const second = await post(`${emu().url}/api/auth.test`);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('3');
    expect(await second.json()).toEqual({ ok: false, error: 'ratelimited' });
    const unavailable = await post(`${emu().url}/api/apps.manifest.validate`);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBeNull();
    expect(await unavailable.json()).toEqual({ ok: false, error: 'service_unavailable' });
  });

  it('the control endpoint replaces the rules; a bad spec is a 400 naming the rule', async () => {
    const bad = await post(`${emu().url}/__emulator/faults`, '{"spec":"datastore:teapot"}');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('Invalid --faults rule "datastore:teapot"');
    const cleared = await post(`${emu().url}/__emulator/faults`, '{"spec":""}');
    expect(await cleared.json()).toEqual({ ok: true, rules: [] });
    for (let i = 0; i < 3; i++) expect((await post(`${emu().url}/api/auth.test`)).status).toBe(200);
  });
});

describe('500 and drop come after the method ran', () => {
  const emu = useInProcessEmulator();

  it('a dropped datastore put still stored the item; a 500 put did too', async () => {
    const { token, appId } = await createApp(emu(), {
      display_information: { name: 'F' },
      functions: {},
      settings: { function_runtime: 'slack' },
      datastores: { tasks: { primary_key: 'id', attributes: { id: { type: 'string' } } } },
    });
    await post(`${emu().url}/__emulator/faults`, '{"spec":"datastore:drop"}');
    const dropped = await post(`${emu().url}/api/apps.datastore.put`, JSON.stringify({ app_id: appId, datastore: 'tasks', item: { id: 'a' } }), token).catch(
      (e: Error) => e,
    );
    expect(dropped).toBeInstanceOf(Error);
    await post(`${emu().url}/__emulator/faults`, '{"spec":"datastore:500"}');
    const failed = await post(`${emu().url}/api/apps.datastore.put`, JSON.stringify({ app_id: appId, datastore: 'tasks', item: { id: 'b' } }), token);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ ok: false, error: 'internal_error' });
    await post(`${emu().url}/__emulator/faults`, '{"spec":""}');
    const items = (await (await fetch(`${emu().url}/__emulator/datastore?app_id=${appId}&datastore=tasks`)).json()) as { items: { id: string }[] };
    expect(items.items.map((i) => i.id).sort()).toEqual(['a', 'b']);
  });

  it('the upload host fails an upload as S3 does, before storing it', async () => {
    const { token, appId } = await createApp(emu());
    const p = await presign(emu(), token, appId);
    await post(`${emu().url}/__emulator/faults`, '{"spec":"upload:503=1"}');
    const r = await postToS3(p, await deployableZip());
    expect(r).toMatchObject({ status: 503, code: 'SlowDown' });
    const uploads = (await (await fetch(`${emu().url}/__emulator/uploads`)).json()) as unknown[];
    expect(uploads).toHaveLength(0);
  });
});
