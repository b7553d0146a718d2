import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { credential, writeCredentials } from '../../../test/helpers/credentials.js';
import { createTestContext, runCliInProcess, type TestHarness } from '../../../test/helpers/test-context.js';
import { server } from '../../../test/msw/server.js';
import { API, calls, slackMethod } from '../../../test/msw/slack.js';

let pre: TestHarness | undefined;
afterEach(() => pre?.cleanup());

/** A temp HOME with a stored login for T0TEAM0001 and, optionally, a project under it. */
function setup(o: { project?: boolean; apps?: Record<string, string> } = {}): { home: string; dir: string } {
  pre = createTestContext();
  writeCredentials(pre.home, { T0TEAM0001: credential({ team_id: 'T0TEAM0001', api_host: API }) });
  const dir = join(pre.home, 'app');
  mkdirSync(join(dir, '.slack', 'sub'), { recursive: true });
  if (o.project !== false) writeFileSync(join(dir, '.slack', 'hooks.json'), '{"hooks": {}}');
  const apps = Object.fromEntries(Object.entries(o.apps ?? {}).map(([team, app]) => [team, { app_id: app, team_id: team, team_domain: team.toLowerCase() }]));
  writeFileSync(join(dir, '.slack', 'apps.json'), JSON.stringify({ apps }));
  return { home: pre.home, dir };
}

const getItem = () => slackMethod('apps.datastore.get', () => ({ datastore: 'tasks', item: { id: '1' } }));

describe('which app', () => {
  it('the project’s apps.json entry for the stored login’s team, from a sub-folder, with no extra calls', async () => {
    server.use(getItem());
    const { home, dir } = setup({ apps: { T0TEAM0001: 'A0PROJ0001', T0OTHER001: 'A0ELSE0001' } });
    const r = await runCliInProcess(['datastore', 'get', '1', '--datastore', 'tasks'], { home, cwd: join(dir, '.slack', 'sub') });
    expect(r.code, r.stderr).toBe(0);
    expect(calls().map((c) => c.method)).toEqual(['apps.datastore.get']);
    expect(calls('apps.datastore.get')[0]!.params.app_id).toBe('A0PROJ0001');
  });

  it('with a token from the environment, auth.test tells the team', async () => {
    server.use(
      getItem(),
      slackMethod('auth.test', () => ({ team_id: 'T0TEAM0001', user_id: 'U1' })),
    );
    const { home, dir } = setup({ apps: { T0TEAM0001: 'A0PROJ0001' } });
    const r = await runCliInProcess(['datastore', 'get', '1', '--datastore', 'tasks'], { home, cwd: dir, env: { ROSI_TOKEN: 'xoxb-env', ROSI_APIHOST: API } });
    expect(r.code, r.stderr).toBe(0);
    expect(calls().map((c) => c.method)).toEqual(['auth.test', 'apps.datastore.get']);
    expect(calls('apps.datastore.get')[0]!.params.app_id).toBe('A0PROJ0001');
  });

  it('a token from the environment plus --app needs no project', async () => {
    server.use(getItem());
    const r = await runCliInProcess(['datastore', 'get', '1', '--datastore', 'tasks', '--app', 'A0CI000001'], {
      env: { SLACK_SERVICE_TOKEN: 'xoxb-ci', ROSI_APIHOST: API },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(calls('apps.datastore.get')[0]!.params.app_id).toBe('A0CI000001');
  });

  it('the app named in the expression counts as --app', async () => {
    server.use(getItem());
    const r = await runCliInProcess(['datastore', 'get', '{"app": "A0EXPR0001", "datastore": "tasks", "id": "1"}', '--token', 'xoxb-1', '--apihost', API]);
    expect(r.code, r.stderr).toBe(0);
    expect(calls('apps.datastore.get')[0]!.params.app_id).toBe('A0EXPR0001');
  });

  it.each([
    {
      name: 'outside a project with no --app',
      project: false,
      argv: [],
      code: 2,
      msg: 'is not inside a Slack project, so there is no app to pick (invalid_app_directory)',
    },
    {
      name: 'no app deployed to the team',
      apps: { T0OTHER001: 'A0ELSE0001' },
      argv: [],
      code: 1,
      msg: 'has no app deployed to team T0TEAM0001 on https://slack.test (.slack/apps.json) (app_not_found)',
    },
    {
      name: '--app that is not the project’s app',
      apps: { T0TEAM0001: 'A0PROJ0001' },
      argv: ['--app', 'A0WRONG001'],
      code: 2,
      msg: '--app A0WRONG001 is not the app this project deployed to T0TEAM0001 on https://slack.test (A0PROJ0001) (invalid_app_flag)',
    },
    { name: 'a malformed --app', argv: ['--app', 'tasks'], code: 2, msg: '--app must be an app ID like A0123ABCDEF, got "tasks"' },
  ])('$name → exit $code, no request', async ({ project, apps, argv, code, msg }) => {
    const { home, dir } = setup({ ...(project === false ? { project } : {}), ...(apps ? { apps } : {}) });
    const r = await runCliInProcess(['datastore', 'get', '1', '--datastore', 'tasks', ...argv], { home, cwd: project === false ? home : dir });
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(msg);
    expect(calls()).toHaveLength(0);
  });
});

describe('--show', () => {
  it('prints the request with "app" from the project and sends nothing', async () => {
    const { home, dir } = setup({ apps: { T0TEAM0001: 'A0PROJ0001' } });
    const r = await runCliInProcess(['datastore', 'put', '--datastore', 'tasks', '--item', '{"id": "1"}', '--show'], { home, cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ app: 'A0PROJ0001', datastore: 'tasks', item: { id: '1' } });
    expect(r.stderr).toContain('nothing was sent');
    expect(calls()).toHaveLength(0);
  });

  it('compiles --where, and what it prints is accepted back as the expression', async () => {
    const shown = await runCliInProcess([
      'datastore',
      'query',
      '--datastore',
      'tasks',
      '--where',
      'status = "done" and priority >= 2',
      '--show',
      '--app',
      'A0APP00001',
    ]);
    expect(shown.code, shown.stderr).toBe(0);
    const expr = JSON.parse(shown.stdout) as Record<string, unknown>;
    expect(Object.keys(expr)).toEqual(['app', 'datastore', 'expression', 'expression_attributes', 'expression_values']);
    expect(expr).toEqual({
      app: 'A0APP00001',
      datastore: 'tasks',
      expression: '#status = :v0 AND #priority >= :v1',
      expression_attributes: { '#status': 'status', '#priority': 'priority' },
      expression_values: { ':v0': 'done', ':v1': 2 },
    });
    expect(calls()).toHaveLength(0);

    server.use(slackMethod('apps.datastore.count', () => ({ datastore: 'tasks', count: 3 })));
    const r = await runCliInProcess(['datastore', 'count', shown.stdout, '--token', 'xoxb-1', '--apihost', API]);
    expect(r.code, r.stderr).toBe(0);
    const { app: _app, ...rest } = expr;
    expect(calls('apps.datastore.count')[0]!.params).toEqual({ ...rest, app_id: 'A0APP00001' });
  });

  it('with a token from the environment and no --app it cannot know the app: exit 2, no call', async () => {
    const { home, dir } = setup({ apps: { T0TEAM0001: 'A0PROJ0001' } });
    const r = await runCliInProcess(['datastore', 'get', '1', '--datastore', 'tasks', '--show'], { home, cwd: dir, env: { ROSI_TOKEN: 'xoxb-env' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(missing_app)');
    expect(calls()).toHaveLength(0);
  });
});

describe('the primary key from the project manifest, before any call', () => {
  const manifest = { datastores: { tasks: { primary_key: 'task_id', attributes: { task_id: { type: 'string' }, title: { type: 'string' } } } } };

  it.each([
    {
      name: 'put of an item without it',
      argv: ['put', '--datastore', 'tasks', '--item', '{"title": "x"}'],
      msg: 'The item has no primary key: datastore tasks needs "task_id" as a non-empty string (from manifest.json)',
    },
    {
      name: 'update with an empty one',
      argv: ['update', '--datastore', 'tasks', '--item', '{"task_id": "", "title": "x"}'],
      msg: 'The item has no primary key',
    },
    {
      name: 'bulk-put with one item lacking it',
      argv: ['bulk-put', '--datastore', 'tasks', '--items', '[{"task_id": "1"}, {"title": "x"}, {"task_id": "3"}]'],
      msg: 'Item 2 of 3 has no primary key',
    },
  ])('$name → exit 2, missing_primary_key, no request', async ({ argv, msg }) => {
    const { home, dir } = setup({ apps: { T0TEAM0001: 'A0PROJ0001' } });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const r = await runCliInProcess(['datastore', ...argv], { home, cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(msg);
    expect(r.stderr).toContain('(missing_primary_key)');
    expect(calls()).toHaveLength(0);
  });

  it('an item with its key goes through', async () => {
    server.use(slackMethod('apps.datastore.put', (p) => ({ datastore: 'tasks', item: p.item as object })));
    const { home, dir } = setup({ apps: { T0TEAM0001: 'A0PROJ0001' } });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const r = await runCliInProcess(['datastore', 'put', '--datastore', 'tasks', '--item', '{"task_id": "7"}'], { home, cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(calls('apps.datastore.put')).toHaveLength(1);
  });
});
