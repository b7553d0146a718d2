import { afterEach, describe, expect, it } from 'vitest';
import { OTHER_TEAM, seedUser } from '../../../../test/helpers/hosting.js';
import { useInProcessEmulator, type Json } from '../../../../test/helpers/in-process-emulator.js';
import { fakeRunner, settledExecutions, workflowsApp, workingFunctions } from '../../../../test/helpers/workflows.js';
import { DEFAULT_USER } from '../../defaults.js';

describe('create_channel', () => {
  const emu = useInProcessEmulator({ functionRunner: fakeRunner(workingFunctions()) });
  afterEach(() => expect(emu().errors).toEqual([]));

  it('makes a channel in the app’s team, made by the app’s owner; its channel_id is the next step’s to post in', async () => {
    const w = await workflowsApp(emu());
    await (await w.webhook('make_channel', ['name'])).post({ name: 'launch-plans' });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x?.status, JSON.stringify(x)).toBe('completed');
    const id = x?.steps[0]?.outputs?.channel_id as string;
    expect(id).toMatch(/^C[A-Z0-9]{10}$/);
    const channels = (await emu().control('channels')).body.channels as Json[];
    expect(channels.find((c) => c.id === id)).toMatchObject({ name: 'launch-plans', is_private: true, creator: DEFAULT_USER.id });
    expect((await emu().control(`messages?channel=${id}`)).body.messages).toMatchObject([{ text: 'first!' }]);
  });

  it.each([
    { name: 'a name the team has', channel: 'general', error: 'name_taken' },
    { name: 'capitals', channel: 'Launch', error: 'invalid_name_specials' },
    { name: 'a #', channel: '#launch', error: 'invalid_name_specials' },
    { name: 'only punctuation', channel: '--_', error: 'invalid_name_punctuation' },
    { name: '81 characters', channel: 'a'.repeat(81), error: 'invalid_name_maxlength' },
    { name: 'an empty name', channel: '', error: 'invalid_name_required' },
  ])('$name → $error; nothing after it runs', async ({ channel, error }) => {
    const w = await workflowsApp(emu());
    await (await w.webhook('make_channel', ['name'])).post({ name: channel });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({ status: 'failed', steps: [{ status: 'failed', error }] });
    expect(x?.steps).toHaveLength(1);
  });
});

describe('add_user_to_usergroup', () => {
  const emu = useInProcessEmulator({ functionRunner: fakeRunner(workingFunctions()) });
  afterEach(() => expect(emu().errors).toEqual([]));

  const makeGroup = async (body: Json) => {
    const r = await emu().control('usergroups', body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return (r.body.usergroup as Json).id as string;
  };

  it('adds a person of the team to a group made through the control endpoint; usergroup_id is its output; twice is fine', async () => {
    const group = await makeGroup({ handle: 'oncall', name: 'On call' });
    expect(group).toMatch(/^S[A-Z0-9]{10}$/);
    const w = await workflowsApp(emu());
    const hook = await w.webhook('join_group', ['group', 'user']);
    await hook.post({ group, user: DEFAULT_USER.id });
    await hook.post({ group, user: DEFAULT_USER.id });
    const xs = await settledExecutions(emu(), w.appId, 2);
    expect(xs.map((x) => [x.status, x.steps[0]?.outputs])).toEqual([
      ['completed', { usergroup_id: group }],
      ['completed', { usergroup_id: group }],
    ]);
    expect((await emu().control('usergroups')).body.usergroups).toEqual([
      { id: group, team_id: expect.any(String), handle: 'oncall', name: 'On call', users: [DEFAULT_USER.id] },
    ]);
  });

  it('an unknown group or another team’s → no_such_subteam; a person not of the team → user_not_found', async () => {
    await seedUser(emu());
    const theirs = await makeGroup({ handle: 'theirs', team_id: OTHER_TEAM.team_id, users: [OTHER_TEAM.user_id] });
    const mine = await makeGroup({ handle: 'mine' });
    const w = await workflowsApp(emu());
    const hook = await w.webhook('join_group', ['group', 'user']);
    await hook.post({ group: 'S0NOSUCHGRP', user: DEFAULT_USER.id });
    await hook.post({ group: theirs, user: DEFAULT_USER.id });
    await hook.post({ group: mine, user: OTHER_TEAM.user_id });
    const xs = await settledExecutions(emu(), w.appId, 3);
    expect(xs.map((x) => x.steps[0]?.error)).toEqual(['no_such_subteam', 'no_such_subteam', 'user_not_found']);
  });

  it('the control endpoint refuses a bad handle, a taken one, and members not of the team', async () => {
    expect((await emu().control('usergroups', { handle: '@Oncall' })).status).toBe(400);
    expect((await emu().control('usergroups', { handle: 'x', users: 'U1' })).status).toBe(400);
    expect((await emu().control('usergroups', { handle: 'x', users: ['U0NOBODY'] })).body).toMatchObject({ error: 'user_not_found' });
    await makeGroup({ handle: 'x' });
    expect(await emu().control('usergroups', { handle: 'x' })).toEqual({ status: 409, body: { ok: false, error: 'handle_taken' } });
  });
});
