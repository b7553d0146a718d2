import { describe, expect, it } from 'vitest';
import { OTHER_TEAM, seedUser } from '../../../test/helpers/hosting.js';
import { useInProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import { DEFAULT_TEAM, DEFAULT_USER } from '../defaults.js';

describe('POST /__emulator/channels', () => {
  const emu = useInProcessEmulator();

  it('makes a channel in the emulator’s team by default, which conversations.info then answers', async () => {
    const r = await emu().control('channels', { name: 'alerts', is_private: true });
    expect(r.status).toBe(200);
    const channel = r.body.channel as Json;
    expect(channel).toMatchObject({ name: 'alerts', is_private: true, is_channel: true, context_team_id: DEFAULT_TEAM.id, creator: DEFAULT_USER.id });
    expect(channel.id).toMatch(/^C[A-Z0-9]{10}$/);
    const { token } = await emu().login({ noRotation: true });
    expect(await emu().form('conversations.info', { token: String(token), channel: String(channel.id) })).toEqual({ ok: true, channel });
  });

  it('GET lists a team’s channels, the seeded ones first', async () => {
    await emu().control('channels', { name: 'deploys' });
    const names = ((await emu().control('channels')).body.channels as Json[]).map((c) => `${String(c.id)} ${String(c.name)}`);
    expect(names).toEqual(['C0GENERAL general', 'C0RANDOM random', expect.stringMatching(/^C[A-Z0-9]{10} deploys$/)]);
  });

  it('makes one in another team, its creator the team’s first user unless named', async () => {
    await seedUser(emu());
    await seedUser(emu(), { user_id: 'U0SECONDONE', user_name: 'second' });
    const first = await emu().control('channels', { team_id: OTHER_TEAM.team_id, name: 'ops' });
    expect(first.body.channel).toMatchObject({ context_team_id: OTHER_TEAM.team_id, creator: OTHER_TEAM.user_id });
    const second = await emu().control('channels', { team_id: OTHER_TEAM.team_id, name: 'ops-2', creator: 'U0SECONDONE' });
    expect(second.body.channel).toMatchObject({ creator: 'U0SECONDONE' });
  });

  it('the same name in two teams is fine', async () => {
    await seedUser(emu());
    expect((await emu().control('channels', { team_id: OTHER_TEAM.team_id, name: 'random' })).status).toBe(200);
  });

  it.each([
    { name: 'no name', body: {}, status: 400 },
    { name: 'capitals', body: { name: 'Alerts' }, status: 400 },
    { name: 'a space', body: { name: 'my alerts' }, status: 400 },
    { name: 'a leading #', body: { name: '#alerts' }, status: 400 },
    { name: 'a dot', body: { name: 'a.b' }, status: 400 },
    { name: '81 characters', body: { name: 'a'.repeat(81) }, status: 400 },
    { name: 'is_private as a string', body: { name: 'x', is_private: 'yes' }, status: 400 },
    { name: 'a taken name', body: { name: 'general' }, status: 409 },
    { name: 'an unknown team', body: { name: 'x', team_id: 'T0NOSUCHONE' }, status: 404 },
    { name: 'a creator of another team', body: { name: 'x', creator: OTHER_TEAM.user_id }, status: 404 },
  ])('refuses $name ($status)', async ({ body, status }) => {
    await seedUser(emu());
    const r = await emu().control('channels', body);
    expect(r.status).toBe(status);
    expect(r.body.ok).toBe(false);
  });

  it('takes 80 characters, digits, - and _', async () => {
    for (const name of ['a'.repeat(80), 'team-2_ops', '42']) expect((await emu().control('channels', { name })).status, name).toBe(200);
  });

  it('GET for an unknown team → 404', async () => {
    expect((await emu().control('channels?team_id=T0NOSUCHONE')).status).toBe(404);
  });
});
