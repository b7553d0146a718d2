import { describe, expect, it } from 'vitest';
import { createApp, hostedManifest, OTHER_TEAM, seedUser } from '../../../test/helpers/hosting.js';
import { useInProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import { methods, type MethodName } from '../../api/methods.js';

function conforms(method: MethodName, body: Json): Json {
  expect(body.ok, JSON.stringify(body)).toBe(true);
  const parsed = methods[method].response.safeParse(body);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  return body;
}

const { datastores: _datastores, ...withoutDatastores } = hostedManifest();
const { functions: _functions, workflows: _workflows, ...withoutCode } = hostedManifest();

describe('apps.manifest.validate', () => {
  const emu = useInProcessEmulator();
  const validate = async (body: Json) => emu().json('apps.manifest.validate', body, String((await emu().login()).token));

  it('accepts a good manifest with no errors and no warnings', async () => {
    expect(conforms('apps.manifest.validate', await validate({ manifest: hostedManifest() }))).toEqual({ ok: true, errors: [] });
  });

  it.each([
    { name: 'no name', patch: { display_information: {} }, code: 'missing_required_field', pointer: '/display_information/name' },
    { name: 'no display_information', patch: { display_information: undefined }, code: 'missing_required_field', pointer: '/display_information/name' },
    {
      name: 'a name over 35 characters',
      patch: { display_information: { name: 'x'.repeat(36) } },
      code: 'invalid_field_length',
      pointer: '/display_information/name',
    },
    {
      name: 'an unknown attribute type',
      patch: { datastores: { tasks: { primary_key: 'id', attributes: { id: { type: 'string' }, due: { type: 'date' } } } } },
      code: 'invalid_datastore_attribute_type',
      pointer: '/datastores/tasks/attributes/due/type',
    },
    {
      name: 'a primary key that is not an attribute',
      patch: { datastores: { tasks: { primary_key: 'uuid', attributes: { id: { type: 'string' } } } } },
      code: 'invalid_primary_key',
      pointer: '/datastores/tasks/primary_key',
    },
    {
      name: 'a function without source_file',
      patch: { functions: { notify: { title: 'Notify' } } },
      code: 'missing_required_field',
      pointer: '/functions/notify/source_file',
    },
  ])('refuses $name with a pointer', async ({ patch, code, pointer }) => {
    const r = await validate({ manifest: hostedManifest(patch) });
    expect(r).toEqual({ ok: false, error: 'invalid_manifest', errors: [{ code, message: expect.any(String), pointer }] });
  });

  it('reports every problem at once', async () => {
    const r = await validate({ manifest: hostedManifest({ display_information: {}, functions: { a: {}, b: { source_file: '' } } }) });
    expect((r.errors as Json[]).map((e) => e.pointer)).toEqual(['/display_information/name', '/functions/a/source_file', '/functions/b/source_file']);
  });

  it('accepts Slack types, every plain type and the manifest’s own types', async () => {
    const attributes = Object.fromEntries(
      ['string', 'integer', 'number', 'boolean', 'array', 'object', 'slack#/types/channel_id', 'slack#/types/timestamp', '#/types/priority'].map((type, i) => [
        `a${i}`,
        { type },
      ]),
    );
    const manifest = hostedManifest({ types: { priority: { type: 'string' } }, datastores: { all: { primary_key: 'a0', attributes } } });
    expect(await validate({ manifest })).toEqual({ ok: true, errors: [] });
    const undeclared = hostedManifest({ datastores: { all: { primary_key: 'a0', attributes: { a0: { type: '#/types/nope' } } } } });
    expect(await validate({ manifest: undeclared })).toMatchObject({ ok: false, errors: [{ pointer: '/datastores/all/attributes/a0/type' }] });
  });

  it('takes the manifest as a JSON string in a form body', async () => {
    const { token } = await emu().login();
    const r = await emu().form('apps.manifest.validate', { token: String(token), manifest: JSON.stringify(hostedManifest()) });
    expect(r).toEqual({ ok: true, errors: [] });
  });

  it.each([
    { name: 'no manifest', body: {} },
    { name: 'a manifest that is not an object', body: { manifest: [1, 2] } },
  ])('$name → invalid_arguments', async ({ body }) => {
    expect(await validate(body)).toEqual({ ok: false, error: 'invalid_arguments' });
  });

  describe('against an existing app', () => {
    it('refuses to drop a datastore: schema_compatibility_error names it', async () => {
      const { token, appId } = await createApp(emu());
      const r = await emu().json('apps.manifest.validate', { manifest: withoutDatastores, app_id: appId }, token);
      expect(r).toMatchObject({ ok: false, error: 'invalid_manifest' });
      expect(r.errors).toEqual([
        {
          code: 'schema_compatibility_error',
          message: 'schema_compatibility_error: Following datastore(s) will be deleted after the deploy: tasks',
          pointer: '/datastores',
        },
      ]);
    });

    it('warns, without failing, about dropped functions and workflows', async () => {
      const { token, appId } = await createApp(emu());
      const r = conforms('apps.manifest.validate', await emu().json('apps.manifest.validate', { manifest: withoutCode, app_id: appId }, token));
      expect(r.errors).toEqual([]);
      expect(r.warnings).toEqual([
        { code: 'breaking_change', message: expect.stringContaining('create_task'), pointer: '/functions/create_task' },
        { code: 'breaking_change', message: expect.stringContaining('new_task'), pointer: '/workflows/new_task' },
      ]);
    });

    it('has nothing to say about adding things', async () => {
      const { token, appId } = await createApp(emu(), withoutCode);
      expect(await emu().json('apps.manifest.validate', { manifest: hostedManifest(), app_id: appId }, token)).toEqual({ ok: true, errors: [] });
    });
  });
});

describe('apps.manifest.create and export', () => {
  const emu = useInProcessEmulator();

  it('creates an app owned by the caller and hands out its credentials once', async () => {
    const { token } = await emu().login();
    const r = conforms('apps.manifest.create', await emu().json('apps.manifest.create', { manifest: hostedManifest() }, String(token)));
    expect(r).toEqual({
      ok: true,
      app_id: expect.stringMatching(/^A[A-Z0-9]{10}$/),
      credentials: {
        client_id: expect.stringMatching(/^\d+\.\d+$/),
        client_secret: expect.stringMatching(/^[0-9a-f]{32}$/),
        verification_token: expect.any(String),
        signing_secret: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
      oauth_authorize_url: expect.stringMatching(/\/oauth\/v2\/authorize\?client_id=\d+\.\d+&scope=commands%2Cdatastore%3Aread%2Cdatastore%3Awrite$/),
    });
    const exported = conforms('apps.manifest.export', await emu().json('apps.manifest.export', { app_id: r.app_id }, String(token)));
    expect(exported).toEqual({ ok: true, manifest: hostedManifest() });
  });

  it('validates first', async () => {
    const { token } = await emu().login();
    const r = await emu().json('apps.manifest.create', { manifest: hostedManifest({ display_information: {} }) }, String(token));
    expect(r).toMatchObject({ ok: false, error: 'invalid_manifest', errors: [{ pointer: '/display_information/name' }] });
  });

  it('refuses a manifest nested thousands deep with invalid_manifest, in JSON or a form, on create, update and validate', async () => {
    const { token, appId } = await createApp(emu());
    // Built as text: JSON.stringify itself overflows the stack on values this deep.
    const manifest = `{"display_information": {"name": "deep"}, "x": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const expected = {
      ok: false,
      error: 'invalid_manifest',
      errors: [{ code: 'manifest_too_deep', message: expect.stringMatching(/deeper than 64 levels/), pointer: '' }],
    };
    const bodies: Record<string, string> = { 'apps.manifest.create': '', 'apps.manifest.validate': '', 'apps.manifest.update': `"app_id": "${appId}", ` };
    for (const [method, head] of Object.entries(bodies)) {
      const asJson = await fetch(`${emu().url}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: `{${head}"manifest": ${manifest}}`,
      });
      expect(await asJson.json(), method).toEqual(expected);
      const asForm = await emu().form(method, { token, manifest, ...(head ? { app_id: appId } : {}) });
      expect(asForm, method).toEqual(expected);
    }
    expect(emu().errors).toEqual([]);
  });

  it('gives each app its own ID', async () => {
    const a = await createApp(emu());
    const b = await createApp(emu());
    expect(a.appId).not.toBe(b.appId);
  });
});

describe('apps.manifest.update', () => {
  const emu = useInProcessEmulator();
  const update = (token: string, body: Json) => emu().json('apps.manifest.update', body, token);
  const exported = async (token: string, appId: string) => (await emu().json('apps.manifest.export', { app_id: appId }, token)).manifest;

  it('replaces the manifest', async () => {
    const { token, appId } = await createApp(emu());
    const next = hostedManifest({ display_information: { name: 'Tasks 2' } });
    expect(conforms('apps.manifest.update', await update(token, { manifest: next, app_id: appId, consent_breaking_changes: true }))).toEqual({
      ok: true,
      app_id: appId,
    });
    expect(await exported(token, appId)).toEqual(next);
  });

  it('refuses to drop a datastore unless force_update is true', async () => {
    const { token, appId } = await createApp(emu());
    const refused = await update(token, { manifest: withoutDatastores, app_id: appId, consent_breaking_changes: true });
    expect(refused).toMatchObject({
      ok: false,
      error: 'invalid_manifest',
      errors: [{ code: 'schema_compatibility_error', message: expect.stringContaining('will be deleted after the deploy: tasks') }],
    });
    expect(await exported(token, appId)).toEqual(hostedManifest());
    expect(await update(token, { manifest: withoutDatastores, app_id: appId, force_update: true, consent_breaking_changes: true })).toEqual({
      ok: true,
      app_id: appId,
    });
    expect(await exported(token, appId)).toEqual(withoutDatastores);
  });

  it('force_update does not let an invalid manifest through', async () => {
    const { token, appId } = await createApp(emu());
    const r = await update(token, { manifest: { ...withoutDatastores, display_information: {} }, app_id: appId, force_update: true });
    expect(r).toMatchObject({ ok: false, error: 'invalid_manifest', errors: [{ pointer: '/display_information/name' }] });
  });

  it('drops functions and workflows (the breaking-change warning is validate’s job)', async () => {
    const { token, appId } = await createApp(emu());
    expect(await update(token, { manifest: withoutCode, app_id: appId, consent_breaking_changes: true })).toEqual({ ok: true, app_id: appId });
  });
});

describe('apps.developerInstall and apps.status', () => {
  const emu = useInProcessEmulator();
  const status = (token: string, body: Json) => emu().json('apps.status', body, token);

  it('installs, after which status says installed; is_hosted follows function_runtime', async () => {
    const { token, appId } = await createApp(emu());
    const local = await createApp(emu(), hostedManifest({ settings: { function_runtime: 'remote' } }));
    expect(conforms('apps.status', await status(token, { app_ids: [appId, local.appId] })).apps).toEqual([
      { app_id: appId, status: 'not_installed', is_installed: false, is_hosted: true },
      { app_id: local.appId, status: 'not_installed', is_installed: false, is_hosted: false },
    ]);
    const installed = conforms(
      'apps.developerInstall',
      await emu().json('apps.developerInstall', { app_id: appId, bot_scopes: ['commands'], outgoing_domains: ['x.example'] }, token),
    );
    expect(installed).toEqual({ ok: true, app_id: appId, api_access_tokens: { bot: expect.stringMatching(/^xoxb-\d+-\d+-[A-Za-z0-9]+$/) } });
    expect((await status(token, { app_ids: [appId] })).apps).toEqual([{ app_id: appId, status: 'installed', is_installed: true, is_hosted: true }]);
  });

  it('installs again with a new bot token', async () => {
    const { token, appId } = await createApp(emu());
    const first = await emu().json('apps.developerInstall', { app_id: appId }, token);
    const second = await emu().json('apps.developerInstall', { app_id: appId }, token);
    expect(second).toMatchObject({ ok: true });
    expect(second.api_access_tokens).not.toEqual(first.api_access_tokens);
  });

  it('refuses a team_id other than the app’s', async () => {
    const { token, appId } = await createApp(emu());
    expect(await emu().json('apps.developerInstall', { app_id: appId, team_id: 'T0ELSEWHERE' }, token)).toEqual({ ok: false, error: 'invalid_team_id' });
    expect(await emu().json('apps.developerInstall', { app_id: appId, team_id: 'T0EMULATOR' }, token)).toMatchObject({ ok: true });
  });

  it('leaves out apps the caller cannot see, and answers an empty list when it sees none', async () => {
    const { token, appId } = await createApp(emu());
    const other = await seedUser(emu());
    expect(await status(token, { app_ids: [appId, 'A0000000000', appId] })).toEqual({ ok: true, apps: [expect.objectContaining({ app_id: appId })] });
    expect(conforms('apps.status', await status(other, { app_ids: [appId] }))).toEqual({ ok: true, apps: [] });
    expect(await status(token, { app_ids: [appId], team_id: OTHER_TEAM.team_id })).toEqual({ ok: true, apps: [] });
    expect(await status(token, { app_ids: [appId], team_id: 'T0EMULATOR' })).toMatchObject({ apps: [{ app_id: appId }] });
  });

  it('takes app_ids as a JSON string or a comma-separated list in a form body', async () => {
    const { token, appId } = await createApp(emu());
    for (const app_ids of [JSON.stringify([appId]), appId, `${appId},A0000000000`]) {
      expect(await emu().form('apps.status', { token, app_ids })).toMatchObject({ ok: true, apps: [{ app_id: appId }] });
    }
  });

  it.each([{ body: {} }, { body: { app_ids: [] } }, { body: { app_ids: [1] } }])('app_ids $body.app_ids → invalid_arguments', async ({ body }) => {
    const { token } = await createApp(emu());
    expect(await status(token, body)).toEqual({ ok: false, error: 'invalid_arguments' });
  });
});

describe('tenant isolation', () => {
  const emu = useInProcessEmulator();
  const calls: { method: MethodName; body: (appId: string) => Json }[] = [
    { method: 'apps.manifest.validate', body: (app_id) => ({ manifest: hostedManifest(), app_id }) },
    { method: 'apps.manifest.update', body: (app_id) => ({ manifest: hostedManifest(), app_id }) },
    { method: 'apps.manifest.export', body: (app_id) => ({ app_id }) },
    { method: 'apps.developerInstall', body: (app_id) => ({ app_id }) },
    { method: 'apps.hosted.generatePresignedPost', body: (app_id) => ({ app_id }) },
    { method: 'apps.hosted.upload', body: (app_id) => ({ app_id, s3_key: 'x', runtime: 'deno' }) },
  ];

  it.each(calls)('$method: another team’s token gets invalid_app_id', async ({ method, body }) => {
    const { appId } = await createApp(emu());
    const other = await seedUser(emu());
    expect(await emu().json(method, body(appId), other)).toEqual({ ok: false, error: 'invalid_app_id' });
  });

  it.each(calls)('$method: a teammate who is not a collaborator gets invalid_app_id, until added', async ({ method, body }) => {
    const { appId } = await createApp(emu());
    const teammate = await seedUser(emu(), { team_id: 'T0EMULATOR', user_id: 'U0TEAMMATE', team_domain: 'emulator', team_name: 'Emulator Workspace' });
    expect(await emu().json(method, body(appId), teammate)).toEqual({ ok: false, error: 'invalid_app_id' });
    const added = await emu().control('apps/collaborators', { app_id: appId, user_id: 'U0TEAMMATE' });
    expect(added.body.collaborators).toEqual([
      { user_id: 'U0EMULATOR', role: 'owner' },
      { user_id: 'U0TEAMMATE', role: 'collaborator' },
    ]);
    expect(await emu().json(method, body(appId), teammate)).not.toEqual({ ok: false, error: 'invalid_app_id' });
  });

  it.each(calls)('$method: an unknown app is invalid_app_id too', async ({ method, body }) => {
    const { token } = await createApp(emu());
    expect(await emu().json(method, body('A0000000000'), token)).toEqual({ ok: false, error: 'invalid_app_id' });
  });

  it.each([
    ...calls,
    { method: 'apps.manifest.create' as const, body: () => ({ manifest: hostedManifest() }) },
    { method: 'apps.status' as const, body: (id: string) => ({ app_ids: [id] }) },
  ])('$method needs a valid token', async ({ method, body }) => {
    expect(await emu().json(method, body('A0000000000'))).toEqual({ ok: false, error: 'not_authed' });
    expect(await emu().json(method, body('A0000000000'), 'xoxp-not-a-token')).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it('an expired token is refused before anything else', async () => {
    const { token, appId } = await createApp(emu());
    const { token: rotating } = await emu().login();
    emu().clock.advance(12 * 3_600_000);
    expect(await emu().json('apps.manifest.export', { app_id: appId }, String(rotating))).toEqual({ ok: false, error: 'token_expired' });
    expect(await emu().json('apps.manifest.export', { app_id: appId }, token)).toMatchObject({ ok: true });
  });
});
