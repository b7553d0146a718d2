import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../store.js';
import { channelNameProblem, seedChannels } from './channels.js';
import { findChannel, findTeam, findUser } from './lookups.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');

describe('seeded channels', () => {
  let store: Store;
  beforeEach(async () => {
    store = await Store.open(':memory:');
    for (const [team, user] of [
      ['T1', 'U1'],
      ['T2', 'U2'],
    ] as const) {
      store.upsertTeam({ id: team, domain: team.toLowerCase(), name: team }, NOW);
      store.upsertUser({ id: user, team_id: team, name: user.toLowerCase() }, NOW);
    }
  });
  afterEach(() => store.close());

  const names = (team: string) => store.channels.ofTeam(team).map((c) => `${c.id} ${c.name}`);

  it('the emulator’s team gets #general and #random under stable IDs, once however often it starts', () => {
    for (let i = 0; i < 3; i++) seedChannels(store.channels, { teamId: 'T1', creator: 'U1', now: NOW + i, ownTeam: true });
    expect(names('T1')).toEqual(['C0GENERAL general', 'C0RANDOM random']);
  });

  it('another team gets a #general of its own under a fresh ID', () => {
    seedChannels(store.channels, { teamId: 'T1', creator: 'U1', now: NOW, ownTeam: true });
    seedChannels(store.channels, { teamId: 'T2', creator: 'U2', now: NOW, ownTeam: false });
    expect(names('T2')).toEqual([expect.stringMatching(/^C[A-Z0-9]{10} general$/)]);
  });

  it('a stable ID another team holds (a data folder started with another team) is replaced by a fresh one', () => {
    seedChannels(store.channels, { teamId: 'T1', creator: 'U1', now: NOW, ownTeam: true });
    seedChannels(store.channels, { teamId: 'T2', creator: 'U2', now: NOW, ownTeam: true });
    expect(names('T1')).toEqual(['C0GENERAL general', 'C0RANDOM random']);
    expect(names('T2')).toEqual([expect.stringMatching(/^C[A-Z0-9]{10} general$/), expect.stringMatching(/^C[A-Z0-9]{10} random$/)]);
  });

  it('lookups answer only within the team', () => {
    seedChannels(store.channels, { teamId: 'T1', creator: 'U1', now: NOW, ownTeam: true });
    expect(findChannel(store, 'T1', 'C0GENERAL')).toMatchObject({ name: 'general', is_private: false, creator: 'U1', created_at: NOW });
    expect(findChannel(store, 'T2', 'C0GENERAL')).toBeUndefined();
    expect(findUser(store, 'T1', 'U1')).toMatchObject({ name: 'u1' });
    expect(findUser(store, 'T2', 'U1')).toBeUndefined();
    expect(findUser(store, 'T1', 'U9')).toBeUndefined();
    expect(findTeam(store, 'T2')).toMatchObject({ domain: 't2' });
    expect(findTeam(store, 'T9')).toBeUndefined();
  });
});

describe('channelNameProblem', () => {
  it.each(['general', 'a', 'team-2_ops', 'a'.repeat(80)])('takes %s', (name) => expect(channelNameProblem(name)).toBeUndefined());
  it.each([
    ['', 'use lower case'],
    ['#general', 'leave out the #'],
    ['General', 'use lower case'],
    ['a b', 'use lower case'],
    ['é', 'use lower case'],
    ['a'.repeat(81), 'longer than 80'],
  ])('refuses %j: %s', (name, why) => expect(channelNameProblem(name)).toContain(why));
});
