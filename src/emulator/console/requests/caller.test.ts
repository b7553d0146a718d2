import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mintExecutionToken, revokeExecutionToken } from '../../auth/index.js';
import { newBotToken, newServiceToken } from '../../ids.js';
import { Store } from '../../store.js';
import { callerOf } from './caller.js';

let store: Store;
let now = 1_000;
const deps = () => ({ store, now: () => now });

beforeEach(async () => {
  store = await Store.open(':memory:');
  store.upsertTeam({ id: 'T1', domain: 't', name: 'Team' }, 0);
  store.upsertUser({ id: 'U1', team_id: 'T1', name: 'ada' }, 0);
  store.apps.create({ id: 'A1', teamId: 'T1', ownerId: 'U1', clientId: '1.2', manifest: { display_information: { name: 'Tasks' } }, now: 0 });
});
afterEach(() => store.close());

describe('callerOf', () => {
  it('names a person from their token, and says when it was revoked or expired', () => {
    const token = newServiceToken();
    store.insertToken(token, { kind: 'rotating', team_id: 'T1', user_id: 'U1', issued_at: 0, expires_at: 5_000 });
    expect(callerOf(token, deps())).toEqual({ kind: 'user', label: 'user U1 (ada)', team_id: 'T1', user_id: 'U1' });
    now = 6_000;
    expect(callerOf(token, deps()).label).toBe('user U1 (ada), expired token');
    store.revokeToken(token, now);
    expect(callerOf(token, deps()).label).toBe('user U1 (ada), revoked token');
    now = 1_000;
  });

  it('names an app from its bot token', () => {
    const token = newBotToken();
    store.apps.install({ app_id: 'A1', team_id: 'T1', bot_scopes: [], outgoing_domains: [], installed_by: 'U1', botToken: token, now: 0 });
    expect(callerOf(token, deps())).toEqual({ kind: 'bot', label: 'app A1 bot (Tasks)', team_id: 'T1', app_id: 'A1' });
  });

  it('names a function execution from its token, during and after the run', () => {
    const token = mintExecutionToken(deps(), { functionExecutionId: 'Fx1', traceId: 'Tr1', appId: 'A1', teamId: 'T1' });
    expect(callerOf(token, deps())).toEqual({
      kind: 'execution',
      label: 'function execution Fx1 of A1',
      team_id: 'T1',
      app_id: 'A1',
      function_execution_id: 'Fx1',
    });
    revokeExecutionToken(deps(), 'Fx1');
    expect(callerOf(token, deps()).label).toBe('function execution Fx1 of A1, revoked token');
  });

  it.each([
    { name: 'no token', token: undefined, want: { kind: 'none', label: 'no token' } },
    { name: 'an empty one', token: '', want: { kind: 'none', label: 'no token' } },
    { name: 'a user token never issued', token: 'xoxp-nope', want: { kind: 'invalid', label: 'invalid token' } },
    { name: 'a bot token never issued', token: 'xoxb-1-2-nope', want: { kind: 'invalid', label: 'invalid token' } },
    { name: 'an execution token never issued', token: 'xwfp-1-2-nope', want: { kind: 'invalid', label: 'invalid token' } },
  ])('$name', ({ token, want }) => {
    expect(callerOf(token, deps())).toEqual(want);
  });

  it('never puts the token in what it answers', () => {
    const token = newServiceToken();
    store.insertToken(token, { kind: 'service', team_id: 'T1', user_id: 'U1', issued_at: 0, expires_at: null });
    expect(JSON.stringify(callerOf(token, deps()))).not.toContain(token);
  });
});
