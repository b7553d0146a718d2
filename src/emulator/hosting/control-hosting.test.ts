import { describe, expect, it } from 'vitest';
import { createApp, deployableZip, OTHER_TEAM, postToS3, presign, seedUser, uploadZip } from '../../../test/helpers/hosting.js';
import { useInProcessEmulator } from '../../../test/helpers/in-process-emulator.js';

describe('control endpoints for tenants and hosting', () => {
  const emu = useInProcessEmulator();
  const get = async (path: string) => {
    const res = await fetch(`${emu().url}/__emulator/${path}`);
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('seed makes a team, a user and a token that works', async () => {
    const token = await seedUser(emu());
    expect(await emu().form('auth.test', { token })).toMatchObject({
      ok: true,
      team_id: OTHER_TEAM.team_id,
      user_id: OTHER_TEAM.user_id,
      team: 'Other Workspace',
      user: 'mallory',
    });
  });

  it('seed defaults to the emulator’s team', async () => {
    const r = await emu().control('seed', { user_id: 'U0SECOND' });
    expect(r).toMatchObject({ status: 200, body: { team_id: 'T0EMULATOR', user_id: 'U0SECOND' } });
    expect(await emu().form('auth.test', { token: String(r.body.token) })).toMatchObject({
      ok: true,
      team: 'Emulator Workspace',
      url: 'https://emulator.slack.com/',
    });
  });

  it.each([
    { name: 'no user', body: { team_id: 'T0NEWTEAM1' }, status: 400 },
    { name: 'a malformed team', body: { team_id: 'acme', user_id: 'U1' }, status: 400 },
    { name: 'a malformed domain', body: { team_id: 'T0NEWTEAM1', user_id: 'U0X', team_domain: 'Not A Domain' }, status: 400 },
    { name: 'a user of another team', body: { team_id: 'T0NEWTEAM1', user_id: 'U0EMULATOR' }, status: 409 },
  ])('seed refuses $name', async ({ body, status }) => {
    expect((await emu().control('seed', body)).status).toBe(status);
  });

  it('apps/collaborators refuses unknown apps and users of another team', async () => {
    const { appId } = await createApp(emu());
    await seedUser(emu());
    expect(await emu().control('apps/collaborators', { app_id: 'A0000000000', user_id: 'U0EMULATOR' })).toMatchObject({
      status: 404,
      body: { error: 'app_not_found' },
    });
    expect(await emu().control('apps/collaborators', { app_id: appId, user_id: 'U0NOBODY' })).toMatchObject({ status: 404, body: { error: 'user_not_found' } });
    expect(await emu().control('apps/collaborators', { app_id: appId, user_id: OTHER_TEAM.user_id })).toMatchObject({
      status: 409,
      body: { error: 'user_in_other_team' },
    });
  });

  it.each([
    { path: 'uploads/fail', body: { count: -1 } },
    { path: 'uploads/fail', body: { count: 1, status: 200 } },
    { path: 'uploads/fail', body: {} },
    { path: 'uploads/fail', body: { count: 1.5 } },
    { path: 'presigns/expire-next', body: { count: 'many' } },
  ])('$path refuses $body', async ({ path, body }) => {
    expect(await emu().control(path, body)).toMatchObject({ status: 400, body: { ok: false, error: 'invalid_arguments' } });
  });

  it('uploads/fail with count 0 clears an earlier request; status defaults to 503', async () => {
    const { token, appId } = await createApp(emu());
    expect((await emu().control('uploads/fail', { count: 3 })).body).toEqual({ ok: true, remaining: 3, status: 503 });
    await emu().control('uploads/fail', { count: 0 });
    expect((await postToS3(await presign(emu(), token, appId), Buffer.from('x'))).status).toBe(204);
  });

  it('presigns/expire-next defaults to one presign', async () => {
    const { token, appId } = await createApp(emu());
    expect((await emu().control('presigns/expire-next', {})).body).toEqual({ ok: true, remaining: 1 });
    expect((await postToS3(await presign(emu(), token, appId), Buffer.from('x'))).status).toBe(403);
    expect((await postToS3(await presign(emu(), token, appId), Buffer.from('x'))).status).toBe(204);
  });

  it('uploads and deployments filter by app; raw answers 404 for an unknown key', async () => {
    const a = await createApp(emu());
    const b = await createApp(emu());
    const keyA = await uploadZip(emu(), a.token, a.appId, await deployableZip());
    const keyB = await uploadZip(emu(), b.token, b.appId, Buffer.from('not a zip'));
    await emu().json('apps.hosted.upload', { app_id: a.appId, s3_key: keyA, runtime: 'deno' }, a.token);
    expect((await get(`uploads?app_id=${b.appId}`)).body).toEqual([expect.objectContaining({ key: keyB, app_id: b.appId, size: 9, files: [] })]);
    expect((await get('uploads')).body).toHaveLength(2);
    expect((await get(`deployments?app_id=${a.appId}`)).body).toEqual([expect.objectContaining({ app_id: a.appId, version: 1 })]);
    expect((await get(`deployments?app_id=${b.appId}`)).body).toEqual([]);
    expect(await get('uploads/raw?key=nope')).toEqual({ status: 404, body: { ok: false, error: 'upload_not_found' } });
  });
});

describe('without --control', () => {
  const emu = useInProcessEmulator({ control: false });

  it.each([
    ['POST', 'seed'],
    ['POST', 'apps/collaborators'],
    ['POST', 'uploads/fail'],
    ['POST', 'presigns/expire-next'],
    ['GET', 'uploads'],
    ['GET', 'uploads/raw'],
    ['GET', 'deployments'],
  ])('%s /__emulator/%s is not there', async (method, path) => {
    const res = await fetch(`${emu().url}/__emulator/${path}`, { method, ...(method === 'POST' ? { body: '{"count":1}' } : {}) });
    expect(res.status).toBe(404);
  });

  it('still serves presigns and the S3 endpoint', async () => {
    expect(await emu().json('apps.hosted.generatePresignedPost', { app_id: 'A0000000000' })).toEqual({ ok: false, error: 'not_authed' });
    const res = await fetch(`${emu().url}/__s3/rosi-uploads`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body: '--b--',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>InvalidArgument</Code>');
  });
});
