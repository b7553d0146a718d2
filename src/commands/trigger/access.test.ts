import { describe, expect, it } from 'vitest';
import { FakePrompter } from '../../../test/helpers/fake-prompter.js';
import { APP_ID, rosi } from '../../../test/helpers/trigger-commands.js';
import { server } from '../../../test/msw/server.js';
import { calls, slackError, slackMethod } from '../../../test/msw/slack.js';

const ID = ['--trigger-id', 'Ft0ACC0001'];
type Access = { permission_type: string; user_ids?: string[]; channel_ids?: string[] };

/** permissions.list answers `now`, then `after` once a change was made. */
function access(now: Access, after: Access = now) {
  let changed = false;
  const mark = () => {
    changed = true;
    return {};
  };
  return [
    slackMethod('workflows.triggers.permissions.list', () => (changed ? after : now)),
    slackMethod('workflows.triggers.permissions.set', () => {
      changed = true;
      return after;
    }),
    slackMethod('workflows.triggers.permissions.add', mark),
    slackMethod('workflows.triggers.permissions.remove', mark),
    slackMethod('developer.apps.owners.list', () => ({ owners: [{ user_id: 'U0OWNER01' }, { user_id: 'U0001' }] })),
  ];
}

const body = (method: string) => calls(method).map((c) => c.rawBody);

describe('rosi trigger access', () => {
  it('no change asked for (or --info): who can run it', async () => {
    server.use(...access({ permission_type: 'named_entities', user_ids: ['U0001'], channel_ids: ['C0001'] }));
    const r = await rosi(['trigger', 'access', ...ID]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('Trigger Ft0ACC0001\n  Can be run by:\n    users: U0001\n    channels: C0001\n');
    const json = await rosi(['trigger', 'access', ...ID, '--info', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ permission_type: 'named_entities', user_ids: ['U0001'], channel_ids: ['C0001'], team_ids: [], org_ids: [] });
    expect(calls().every((c) => c.method === 'workflows.triggers.permissions.list')).toBe(true);
  });

  it('--everyone sets the type', async () => {
    server.use(...access({ permission_type: 'app_collaborators' }, { permission_type: 'everyone' }));
    const r = await rosi(['trigger', 'access', ...ID, '--everyone']);
    expect(r.code, r.stderr).toBe(0);
    expect(body('workflows.triggers.permissions.set')).toEqual(['permission_type=everyone&token=xoxb-ci-token&trigger_id=Ft0ACC0001']);
    expect(r.stdout).toContain('Can be run by: everyone in the workspace');
    expect(r.stderr).toContain('Everyone in the workspace can now run trigger Ft0ACC0001');
  });

  it('a first grant sets named_entities with the IDs (trimmed, upper-cased); without a terminal collaborators are left out, and rosi says how to keep them', async () => {
    server.use(...access({ permission_type: 'app_collaborators' }, { permission_type: 'named_entities', user_ids: ['U0001', 'U0002'] }));
    const r = await rosi(['trigger', 'access', ...ID, '--users', ' u0001, U0002 ,']);
    expect(r.code, r.stderr).toBe(0);
    expect(body('workflows.triggers.permissions.set')).toEqual([
      'permission_type=named_entities&token=xoxb-ci-token&trigger_id=Ft0ACC0001&user_ids=U0001%2CU0002',
    ]);
    expect(calls('developer.apps.owners.list')).toHaveLength(0);
    expect(r.stderr).toContain(`To keep them: rosi trigger access --trigger-id Ft0ACC0001 --include-app-collaborators --users U0001,U0002 --app ${APP_ID}`);
  });

  it('--include-app-collaborators puts them on the list', async () => {
    server.use(...access({ permission_type: 'everyone' }));
    const r = await rosi(['trigger', 'access', ...ID, '--grant', '--users', 'U0001', '--channels', 'c0001', '--include-app-collaborators', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(calls('developer.apps.owners.list')[0]?.rawBody).toBe(`app_id=${APP_ID}&token=xoxb-ci-token`);
    expect(calls('workflows.triggers.permissions.set')[0]?.params).toMatchObject({
      permission_type: 'named_entities',
      user_ids: 'U0OWNER01,U0001',
      channel_ids: 'C0001',
    });
  });

  it('on a terminal rosi asks whether to include them', async () => {
    server.use(...access({ permission_type: 'app_collaborators' }));
    const prompter = new FakePrompter({ 'include-app-collaborators': [true] });
    const r = await rosi(['trigger', 'access', ...ID, '--users', 'U0009'], { tty: true, prompter });
    expect(r.code, r.stderr).toBe(0);
    expect(calls('workflows.triggers.permissions.set')[0]?.params.user_ids).toBe('U0OWNER01,U0001,U0009');
  });

  it('later grants add to the list', async () => {
    server.use(...access({ permission_type: 'named_entities', user_ids: ['U0001'] }, { permission_type: 'named_entities', user_ids: ['U0001', 'U0002'] }));
    const r = await rosi(['trigger', 'access', ...ID, '--users', 'U0002']);
    expect(r.code, r.stderr).toBe(0);
    expect(body('workflows.triggers.permissions.add')).toEqual(['token=xoxb-ci-token&trigger_id=Ft0ACC0001&user_ids=U0002']);
    expect(calls('workflows.triggers.permissions.set')).toHaveLength(0);
    expect(r.stdout).toContain('users: U0001, U0002');
    expect(r.stderr).toContain('Granted access to trigger Ft0ACC0001');
  });

  it('--include-app-collaborators on a list already: they are added with the entities, as the printed hint promises', async () => {
    server.use(...access({ permission_type: 'named_entities', user_ids: ['U0002'] }));
    const r = await rosi(['trigger', 'access', ...ID, '--include-app-collaborators', '--users', 'U0002']);
    expect(r.code, r.stderr).toBe(0);
    expect(calls('workflows.triggers.permissions.add')[0]?.params.user_ids).toBe('U0OWNER01,U0001,U0002');
    expect(calls('workflows.triggers.permissions.set')).toHaveLength(0);
  });

  it.each([
    { name: 'one user', argv: ['--users', 'U0NOBODY1'], error: 'user_not_found', want: 'The user U0NOBODY1 is not one the trigger can be shared with' },
    {
      name: 'two channels',
      argv: ['--channels', 'C1,C2'],
      error: 'channel_not_found',
      want: 'One of the channels C1, C2 is not one the trigger can be shared with',
    },
  ])('an entity Slack does not know ($name): exit 1 naming the IDs sent', async ({ argv, error, want }) => {
    server.use(slackError('workflows.triggers.permissions.add', error), ...access({ permission_type: 'named_entities', user_ids: ['U0001'] }));
    const r = await rosi(['trigger', 'access', ...ID, ...argv]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${want} (${error} from workflows.triggers.permissions.add)`);
    expect(r.stderr).toContain('each must be of the app’s workspace');
  });

  it('--revoke removes listed entities', async () => {
    server.use(...access({ permission_type: 'named_entities', user_ids: ['U0001', 'U0002'] }, { permission_type: 'named_entities', user_ids: ['U0001'] }));
    const r = await rosi(['trigger', 'access', ...ID, '--revoke', '--users', 'U0002']);
    expect(r.code, r.stderr).toBe(0);
    expect(body('workflows.triggers.permissions.remove')).toEqual(['token=xoxb-ci-token&trigger_id=Ft0ACC0001&user_ids=U0002']);
    expect(r.stderr).toContain('Revoked access to trigger Ft0ACC0001');
  });

  it.each([
    {
      name: 'from a trigger everyone can run',
      now: { permission_type: 'everyone' },
      want: 'The trigger can be run by everyone in the workspace, not by a list',
      hint: 'Limit who can run it with --app-collaborators, or grant entities access (--grant)',
    },
    {
      name: 'from a trigger the app’s collaborators can run',
      now: { permission_type: 'app_collaborators' },
      want: 'The trigger can be run by the app’s collaborators, not by a list',
      hint: 'Grant entities access first (--grant): the list then replaces the app’s collaborators.',
    },
    { name: 'from an empty list', now: { permission_type: 'named_entities' }, want: 'The trigger’s access list is empty' },
    { name: 'someone not on the list', now: { permission_type: 'named_entities', user_ids: ['U0001'] }, want: 'Not on the trigger’s access list: user U0002' },
  ])('--revoke $name: exit 2, nothing changed', async ({ now, want, hint }) => {
    server.use(...access(now));
    const r = await rosi(['trigger', 'access', ...ID, '--revoke', '--users', 'U0002']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(want);
    if (hint) expect(r.stderr).toContain(hint);
    expect(calls().map((c) => c.method)).toEqual(['workflows.triggers.permissions.list']);
  });

  it.each([
    { name: '--grant and --revoke', argv: ['--grant', '--revoke', '--users', 'U1'], want: 'Use --grant or --revoke, not both' },
    { name: '--everyone and --app-collaborators', argv: ['--everyone', '--app-collaborators'], want: 'Use --everyone or --app-collaborators, not both' },
    { name: '--everyone with --users', argv: ['--everyone', '--users', 'U1'], want: '--everyone and --users ask for different kinds of access' },
    { name: '--info with a change', argv: ['--info', '--everyone'], want: '--info only prints who can run the trigger' },
    { name: '--revoke alone', argv: ['--revoke'], want: '--revoke needs entities' },
    { name: 'a channel ID in --users', argv: ['--users', 'C0001'], want: '--users: "C0001" is not a user ID like U0123ABCDEF' },
    { name: 'two user IDs wrong', argv: ['--users', 'C1,T2'], want: '--users: "C1", "T2" are not user IDs like U0123ABCDEF' },
    { name: 'an empty --channels', argv: ['--channels', ' , '], want: '--channels is empty' },
    { name: 'no --trigger-id, no terminal', argv: ['--everyone'], want: 'rosi trigger access needs --trigger-id', noId: true },
  ])('$name: exit 2, nothing sent', async ({ argv, want, noId }) => {
    const r = await rosi(['trigger', 'access', ...(noId ? [] : ID), ...argv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(want);
    expect(calls()).toHaveLength(0);
  });
});
