import { describe, expect, it } from 'vitest';
import { createApp, OTHER_TEAM, seedUser } from '../../../test/helpers/hosting.js';
import { useInProcessEmulator, type InProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import { DEFAULT_TEAM, DEFAULT_USER } from '../defaults.js';

/** The seeded developer's token. */
async function developer(emu: InProcessEmulator): Promise<string> {
  return String((await emu.login({ noRotation: true })).token);
}

/** A method called both ways the clients do: a form with a token field, and JSON with a Bearer header. */
const encodings = [
  { encoding: 'form', call: (emu: InProcessEmulator, method: string, params: Record<string, string>, token: string) => emu.form(method, { token, ...params }) },
  { encoding: 'JSON', call: (emu: InProcessEmulator, method: string, params: Record<string, string>, token: string) => emu.json(method, params, token) },
];

const expectedUser = {
  id: DEFAULT_USER.id,
  team_id: DEFAULT_TEAM.id,
  name: DEFAULT_USER.name,
  real_name: DEFAULT_USER.name,
  deleted: false,
  is_bot: false,
  tz: 'UTC',
  profile: { display_name: DEFAULT_USER.name, real_name: DEFAULT_USER.name },
};

describe.each(encodings)('directory methods, $encoding', ({ call }) => {
  const emu = useInProcessEmulator();

  it('users.info answers the user with a profile, and no email', async () => {
    const r = await call(emu(), 'users.info', { user: DEFAULT_USER.id }, await developer(emu()));
    expect(r).toMatchObject({ ok: true, user: expectedUser });
    expect(JSON.stringify(r)).not.toContain('email');
  });

  it('conversations.info answers the seeded #general and #random', async () => {
    const token = await developer(emu());
    expect(await call(emu(), 'conversations.info', { channel: 'C0GENERAL' }, token)).toMatchObject({
      ok: true,
      channel: {
        id: 'C0GENERAL',
        name: 'general',
        is_channel: true,
        is_private: false,
        is_general: true,
        created: expect.any(Number),
        creator: DEFAULT_USER.id,
      },
    });
    expect(await call(emu(), 'conversations.info', { channel: 'C0RANDOM' }, token)).toMatchObject({
      ok: true,
      channel: { id: 'C0RANDOM', name: 'random', is_general: false, context_team_id: DEFAULT_TEAM.id },
    });
  });

  it('team.info answers the caller’s team, named or not', async () => {
    const token = await developer(emu());
    const team = { id: DEFAULT_TEAM.id, name: DEFAULT_TEAM.name, domain: DEFAULT_TEAM.domain };
    expect(await call(emu(), 'team.info', {}, token)).toMatchObject({ ok: true, team });
    expect(await call(emu(), 'team.info', { team: DEFAULT_TEAM.id }, token)).toMatchObject({ ok: true, team });
  });

  it('developer.apps.owners.list names the owner and the collaborators, with usernames and no emails', async () => {
    const { token, appId } = await createApp(emu());
    await seedUser(emu(), { team_id: DEFAULT_TEAM.id, user_id: 'U0HELPER01', user_name: 'helper' });
    expect((await emu().control('apps/collaborators', { app_id: appId, user_id: 'U0HELPER01' })).status).toBe(200);
    const r = await call(emu(), 'developer.apps.owners.list', { app_id: appId }, token);
    expect(r).toEqual({
      ok: true,
      owners: [
        { user_id: DEFAULT_USER.id, username: DEFAULT_USER.name, permission_type: 'owner' },
        { user_id: 'U0HELPER01', username: 'helper', permission_type: 'collaborator' },
      ],
    });
  });

  it.each([
    { method: 'users.info', params: {}, error: 'invalid_arguments' },
    { method: 'users.info', params: { user: 'U0NOSUCHONE' }, error: 'user_not_found' },
    { method: 'users.info', params: { user: 'W0NOSUCHONE' }, error: 'user_not_found' },
    { method: 'conversations.info', params: {}, error: 'invalid_arguments' },
    { method: 'conversations.info', params: { channel: 'C0NOSUCHONE' }, error: 'channel_not_found' },
    { method: 'team.info', params: { team: 'T0NOSUCHONE' }, error: 'team_not_found' },
    { method: 'developer.apps.owners.list', params: {}, error: 'invalid_arguments' },
    { method: 'developer.apps.owners.list', params: { app_id: 'A0NOSUCHAPP' }, error: 'invalid_app_id' },
  ])('$method $params → $error', async ({ method, params, error }) => {
    expect(await call(emu(), method, params, await developer(emu()))).toEqual({ ok: false, error });
  });

  it.each(['users.info', 'conversations.info', 'team.info', 'developer.apps.owners.list'])('%s without a token → not_authed', async (method) => {
    const r = method.startsWith('developer') ? await emu().json(method, { app_id: 'A0NOSUCHAPP' }) : await emu().form(method, {});
    expect(r).toEqual({ ok: false, error: 'not_authed' });
  });
});

describe('directory methods: tenant isolation', () => {
  const emu = useInProcessEmulator();

  it('another team’s user, channel and team are not found, as if they did not exist', async () => {
    const mine = await developer(emu());
    const theirs = await seedUser(emu());
    const other = (await emu().control(`channels?team_id=${OTHER_TEAM.team_id}`)).body.channels as Json[];
    const theirGeneral = String(other[0]?.id);
    const cases: [string, Record<string, string>, string, string][] = [
      ['users.info', { user: DEFAULT_USER.id }, theirs, 'user_not_found'],
      ['users.info', { user: OTHER_TEAM.user_id }, mine, 'user_not_found'],
      ['conversations.info', { channel: 'C0GENERAL' }, theirs, 'channel_not_found'],
      ['conversations.info', { channel: theirGeneral }, mine, 'channel_not_found'],
      ['team.info', { team: DEFAULT_TEAM.id }, theirs, 'team_not_found'],
      ['team.info', { team: OTHER_TEAM.team_id }, mine, 'team_not_found'],
    ];
    for (const [method, params, token, error] of cases) {
      expect(await emu().form(method, { token, ...params }), `${method} ${JSON.stringify(params)}`).toEqual({ ok: false, error });
    }
  });

  it('a new team has a #general of its own, which its users see', async () => {
    const theirs = await seedUser(emu());
    const other = (await emu().control(`channels?team_id=${OTHER_TEAM.team_id}`)).body.channels as Json[];
    expect(other).toEqual([expect.objectContaining({ name: 'general', creator: OTHER_TEAM.user_id })]);
    expect(other[0]?.id).toMatch(/^C[A-Z0-9]{10}$/);
    expect(await emu().form('conversations.info', { token: theirs, channel: String(other[0]?.id) })).toMatchObject({
      ok: true,
      channel: { name: 'general', context_team_id: OTHER_TEAM.team_id },
    });
    expect(await emu().form('team.info', { token: theirs })).toMatchObject({ ok: true, team: { id: OTHER_TEAM.team_id, domain: OTHER_TEAM.team_domain } });
  });

  it('developer.apps.owners.list of another team’s app → invalid_app_id, as every app method', async () => {
    const { appId } = await createApp(emu());
    const theirs = await seedUser(emu());
    expect(await emu().json('developer.apps.owners.list', { app_id: appId }, theirs)).toEqual({ ok: false, error: 'invalid_app_id' });
  });

  it('a teammate who does not collaborate on the app cannot list its owners either', async () => {
    const { appId } = await createApp(emu());
    const teammate = await seedUser(emu(), { team_id: DEFAULT_TEAM.id, user_id: 'U0TEAMMATE', user_name: 'teammate' });
    expect(await emu().json('developer.apps.owners.list', { app_id: appId }, teammate)).toEqual({ ok: false, error: 'invalid_app_id' });
    // The directory itself is the whole team's.
    expect(await emu().json('users.info', { user: DEFAULT_USER.id }, teammate)).toMatchObject({ ok: true });
  });
});

describe('directory methods with an app’s bot token', () => {
  const emu = useInProcessEmulator();

  const botToken = async (scopes: string[]) => {
    const { token, appId } = await createApp(emu());
    const r = await emu().json('apps.developerInstall', { app_id: appId, bot_scopes: scopes }, token);
    return String((r.api_access_tokens as Json).bot);
  };

  it('reads the team the app is installed in, with the read scope of what it asks', async () => {
    const bot = await botToken(['users:read', 'channels:read', 'team:read']);
    expect(await emu().json('users.info', { user: DEFAULT_USER.id }, bot)).toMatchObject({ ok: true, user: { id: DEFAULT_USER.id } });
    expect(await emu().json('conversations.info', { channel: 'C0GENERAL' }, bot)).toMatchObject({ ok: true, channel: { name: 'general' } });
    expect(await emu().json('team.info', {}, bot)).toMatchObject({ ok: true, team: { id: DEFAULT_TEAM.id } });
  });

  it('without the scope → missing_scope, naming the one needed', async () => {
    const bot = await botToken(['commands']);
    expect(await emu().json('users.info', { user: DEFAULT_USER.id }, bot)).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'users:read',
      provided: 'commands',
    });
    expect(await emu().json('conversations.info', { channel: 'C0GENERAL' }, bot)).toMatchObject({ error: 'missing_scope', needed: 'channels:read' });
  });

  it('an unknown bot token → invalid_auth', async () => {
    expect(await emu().json('team.info', {}, 'xoxb-1-2-made-up')).toEqual({ ok: false, error: 'invalid_auth' });
  });
});
