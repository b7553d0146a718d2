import { describe, expect, it } from 'vitest';
import { OTHER_TEAM, seedUser } from '../../../test/helpers/hosting.js';
import { useInProcessEmulator, type InProcessEmulator } from '../../../test/helpers/in-process-emulator.js';
import { sdkForm, triggersApp } from '../../../test/helpers/triggers.js';
import { methods } from '../../api/methods.js';
import { DEFAULT_USER } from '../defaults.js';

/** An app, a trigger, a teammate who collaborates on the app, and the permissions calls as the official CLI makes them: form, token field. */
async function setup(emu: InProcessEmulator) {
  const a = await triggersApp(emu);
  await seedUser(emu, { team_id: emu.running.team.id, user_id: 'U0TEAMMATE' });
  await emu.control('apps/collaborators', { app_id: a.appId, user_id: 'U0TEAMMATE' });
  for (let i = 1; i <= 11; i++) await seedUser(emu, { team_id: emu.running.team.id, user_id: `U0PEER${String(i).padStart(4, '0')}` });
  const t = await a.created();
  const perm = async (verb: 'list' | 'set' | 'add' | 'remove', params: Record<string, string> = {}) => {
    const r = await emu.form(`workflows.triggers.permissions.${verb}`, { token: a.token, trigger_id: t.id, ...params });
    if (r.ok === true) expect(methods[`workflows.triggers.permissions.${verb}`].response.safeParse(r).success).toBe(true);
    return r;
  };
  return { ...a, trigger: t, perm };
}

const peers = (n: number) => Array.from({ length: n }, (_, i) => `U0PEER${String(i + 1).padStart(4, '0')}`);

describe('workflows.triggers.permissions (runtime contract §6.1 item 6)', () => {
  const emu = useInProcessEmulator();

  it('a new trigger is shared with the app’s collaborators', async () => {
    const s = await setup(emu());
    expect(await s.perm('list')).toEqual({ ok: true, permission_type: 'app_collaborators', user_ids: [DEFAULT_USER.id, 'U0TEAMMATE'] });
  });

  it('set replaces; add and remove edit named entities; answers leave out empty lists', async () => {
    const s = await setup(emu());
    expect(await s.perm('set', { permission_type: 'named_entities', user_ids: 'U0PEER0001,U0PEER0002' })).toEqual({
      ok: true,
      permission_type: 'named_entities',
      user_ids: ['U0PEER0001', 'U0PEER0002'],
    });
    expect(await s.perm('add', { channel_ids: 'C0GENERAL', user_ids: 'U0PEER0002,U0PEER0003' })).toEqual({
      ok: true,
      permission_type: 'named_entities',
      user_ids: ['U0PEER0001', 'U0PEER0002', 'U0PEER0003'],
      channel_ids: ['C0GENERAL'],
    });
    expect(await s.perm('add', { team_ids: emu().running.team.id })).toMatchObject({ ok: true, team_ids: [emu().running.team.id] });
    expect(await s.perm('remove', { user_ids: 'U0PEER0001,U0NOTTHERE', team_ids: emu().running.team.id })).toEqual({
      ok: true,
      permission_type: 'named_entities',
      user_ids: ['U0PEER0002', 'U0PEER0003'],
      channel_ids: ['C0GENERAL'],
    });
    expect(await s.perm('list')).toEqual({ ok: true, permission_type: 'named_entities', user_ids: ['U0PEER0002', 'U0PEER0003'], channel_ids: ['C0GENERAL'] });
    expect(await s.perm('set', { permission_type: 'everyone' })).toEqual({ ok: true, permission_type: 'everyone' });
    expect(await s.perm('list')).toEqual({ ok: true, permission_type: 'everyone' });
  });

  it('takes entity lists as JSON arrays too (JSON bodies, the SDK’s form)', async () => {
    const s = await setup(emu());
    const json = await emu().json(
      'workflows.triggers.permissions.set',
      { trigger_id: s.trigger.id, permission_type: 'named_entities', user_ids: ['U0PEER0001'] },
      s.token,
    );
    expect(json).toEqual({ ok: true, permission_type: 'named_entities', user_ids: ['U0PEER0001'] });
    const form = await sdkForm(emu(), 'workflows.triggers.permissions.add', { trigger_id: s.trigger.id, channel_ids: ['C0GENERAL', 'C0RANDOM'] }, s.token);
    expect(form).toMatchObject({ ok: true, channel_ids: ['C0GENERAL', 'C0RANDOM'] });
  });

  it.each([
    { name: 'named_entities without entities', verb: 'set' as const, params: { permission_type: 'named_entities' }, error: 'named_entities_cannot_be_empty' },
    { name: 'an unknown permission type', verb: 'set' as const, params: { permission_type: 'some' }, error: 'invalid_arguments' },
    { name: 'add while shared with collaborators', verb: 'add' as const, params: { user_ids: 'U0PEER0001' }, error: 'invalid_permission_type' },
    { name: 'remove while shared with collaborators', verb: 'remove' as const, params: { user_ids: 'U0PEER0001' }, error: 'invalid_permission_type' },
    { name: 'an unknown user', verb: 'set' as const, params: { permission_type: 'named_entities', user_ids: 'U0NOBODY' }, error: 'user_not_found' },
    {
      name: 'a user of another team',
      verb: 'set' as const,
      params: { permission_type: 'named_entities', user_ids: OTHER_TEAM.user_id },
      error: 'user_not_found',
    },
    { name: 'a malformed channel', verb: 'set' as const, params: { permission_type: 'named_entities', channel_ids: 'general' }, error: 'channel_not_found' },
    {
      name: 'a channel the team does not have',
      verb: 'set' as const,
      params: { permission_type: 'named_entities', channel_ids: 'C0NOSUCHONE' },
      error: 'channel_not_found',
    },
    { name: 'an unknown team', verb: 'set' as const, params: { permission_type: 'named_entities', team_ids: 'T0NOSUCHTEAM' }, error: 'team_not_found' },
    { name: 'an unknown org', verb: 'set' as const, params: { permission_type: 'named_entities', org_ids: 'E0NOSUCHORG' }, error: 'org_not_found' },
    {
      name: 'more than 10 users',
      verb: 'set' as const,
      params: { permission_type: 'named_entities', user_ids: peers(11).join(',') },
      error: 'too_many_named_entities',
    },
    { name: 'an unknown trigger', verb: 'list' as const, params: { trigger_id: 'Ft0NOSUCHONE' }, error: 'trigger_not_found' },
  ])('$name → $error', async ({ verb, params, error }) => {
    const s = await setup(emu());
    await seedUser(emu());
    expect(await s.perm(verb, params)).toEqual({ ok: false, error });
    // Nothing changed.
    expect(await s.perm('list')).toMatchObject({ ok: true, permission_type: 'app_collaborators' });
  });

  it('exactly 10 users is allowed; an 11th by add is too_many_named_entities', async () => {
    const s = await setup(emu());
    expect(await s.perm('set', { permission_type: 'named_entities', user_ids: peers(10).join(',') })).toMatchObject({ ok: true });
    expect(await s.perm('add', { user_ids: 'U0PEER0011' })).toEqual({ ok: false, error: 'too_many_named_entities' });
    expect(await s.perm('add', {})).toEqual({ ok: false, error: 'invalid_arguments' });
  });

  it('a known organisation may be named', async () => {
    const s = await setup(emu());
    await seedUser(emu(), { team_id: 'E0GRIDORG', user_id: 'U0GRIDUSER' });
    expect(await s.perm('set', { permission_type: 'named_entities', org_ids: 'E0GRIDORG' })).toEqual({
      ok: true,
      permission_type: 'named_entities',
      org_ids: ['E0GRIDORG'],
    });
  });

  it('tenant isolation: another team’s token cannot read or change access', async () => {
    const s = await setup(emu());
    const stranger = await seedUser(emu());
    for (const verb of ['list', 'set', 'add', 'remove']) {
      const r = await emu().form(`workflows.triggers.permissions.${verb}`, {
        token: stranger,
        trigger_id: s.trigger.id,
        permission_type: 'everyone',
        user_ids: 'U0PEER0001',
      });
      expect(r, verb).toEqual({ ok: false, error: 'trigger_not_found' });
    }
    expect(await s.perm('list')).toMatchObject({ permission_type: 'app_collaborators' });
  });
});
