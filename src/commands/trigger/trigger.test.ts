import { describe, expect, it } from 'vitest';
import { FakePrompter } from '../../../test/helpers/fake-prompter.js';
import { ManualClock } from '../../../test/helpers/manual-clock.js';
import { APP_ID, CI, deployed, PROJECT_FILES, rosi, tempFolders } from '../../../test/helpers/trigger-commands.js';
import { server } from '../../../test/msw/server.js';
import { calls, slackError, slackMethod } from '../../../test/msw/slack.js';

const folder = tempFolders();
const GREET = { type: 'shortcut', name: 'Greet', workflow: '#/workflows/greet', inputs: { who: { value: '{{data.user_id}}' } } };
const saved = (params: Record<string, unknown>) => ({ trigger: deployed('Ft0NEW0001', { name: params.name, type: params.type }) });

describe('rosi trigger create', () => {
  it('from a .json definition: the body in the official CLI’s order, workflow_app_id = the app', async () => {
    server.use(slackMethod('workflows.triggers.create', saved));
    const dir = folder({ 'greet.json': JSON.stringify({ ...GREET, workflow_app_id: 'A0STALE001' }) });
    const r = await rosi(['trigger', 'create', '--trigger-def', 'greet.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(calls('workflows.triggers.create')[0]?.rawBody).toBe(
      `{"type":"shortcut","name":"Greet","description":"","workflow":"#/workflows/greet","workflow_app_id":"${APP_ID}","inputs":{"who":{"value":"{{data.user_id}}"}}}`,
    );
    expect(r.stdout).toContain('Greet Ft0NEW0001 (shortcut)');
    expect(r.stdout).toContain('URL:         https://slack.com/shortcuts/Ft0NEW0001/0123abcd');
    expect(r.stderr).toContain(`Created trigger Ft0NEW0001 on app ${APP_ID}`);
    expect(r.stderr).toContain(`rosi trigger access --trigger-id Ft0NEW0001 --everyone --app ${APP_ID}`);
  });

  it('from flags: a link trigger with the defaults, and --interactivity', async () => {
    server.use(slackMethod('workflows.triggers.create', saved));
    expect((await rosi(['trigger', 'create', '--workflow', 'greet'])).code).toBe(0);
    expect(calls('workflows.triggers.create')[0]?.rawBody).toBe(
      `{"type":"shortcut","name":"My Trigger","description":"Runs the '#/workflows/greet' workflow","shortcut":{},"workflow":"#/workflows/greet","workflow_app_id":"${APP_ID}"}`,
    );
    const r = await rosi(['trigger', 'create', '--workflow', '#/workflows/rotate', '--title', 'Rotate', '--description', 'd', '--interactivity', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(calls('workflows.triggers.create')[1]?.rawBody).toBe(
      `{"type":"shortcut","name":"Rotate","description":"d","shortcut":{},"workflow":"#/workflows/rotate","workflow_app_id":"${APP_ID}","inputs":{"interactivity":{"value":"{{data.interactivity}}"}}}`,
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 'Ft0NEW0001', name: 'Rotate' });
    expect(r.stderr).toBe('');
  });

  it('--interactivity-name names the input', async () => {
    server.use(slackMethod('workflows.triggers.create', saved));
    expect((await rosi(['trigger', 'create', '--workflow', 'rotate', '--interactivity-name', 'click'])).code).toBe(0);
    expect(calls('workflows.triggers.create')[0]?.params.inputs).toEqual({ click: { value: '{{data.interactivity}}' } });
  });

  it.each([
    { name: '--trigger-def with --title', argv: ['--trigger-def', 'a.json', '--title', 'x'], want: '--trigger-def cannot be combined with --title' },
    {
      name: '--trigger-def with --workflow and --interactivity',
      argv: ['--trigger-def', 'a.json', '--workflow', 'greet', '--interactivity'],
      want: '--trigger-def cannot be combined with --workflow, --interactivity',
    },
    { name: '--title without --workflow', argv: ['--title', 'x'], want: '--title describes a link trigger for --workflow, which is missing' },
    { name: 'neither, no terminal', argv: [], want: 'rosi trigger create needs --trigger-def or --workflow' },
  ])('$name: exit 2, nothing sent', async ({ argv, want }) => {
    const r = await rosi(['trigger', 'create', ...argv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(want);
    expect(calls()).toHaveLength(0);
  });

  it('an invalid definition: exit 2 naming the field, no request made', async () => {
    const dir = folder({ 'bad.json': JSON.stringify({ type: 'shortcut', workflow: '#/workflows/greet', descripton: 'typo' }) });
    const r = await rosi(['trigger', 'create', '--trigger-def', 'bad.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.json is not a valid trigger definition (2 problems)');
    expect(r.stderr).toContain('name: is required');
    expect(r.stderr).toContain('descripton: is not a field of a trigger definition');
    expect(calls()).toHaveLength(0);
  });

  it('in a project, the workflow and its inputs are checked against the manifest; nothing sent', async () => {
    const dir = folder({ ...PROJECT_FILES, 'triggers/x.json': JSON.stringify({ ...GREET, workflow: '#/workflows/gret', inputs: {} }) });
    const r = await rosi(['trigger', 'create', '--trigger-def', 'triggers/x.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('workflow: the manifest has no workflow "gret"');
    const missing = await rosi(['trigger', 'create', '--workflow', 'rotate'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('The trigger described by --workflow is not valid (1 problem)');
    expect(missing.stderr).toContain('inputs.interactivity: is required by #/workflows/rotate (type slack#/types/interactivity)\n');
    expect(missing.stderr).toContain(`add --interactivity: rosi trigger create --workflow rotate --interactivity --app ${APP_ID}`);
    expect(calls()).toHaveLength(0);
  });

  it('from flags, a workflow input flags cannot give: the hint names a definition file, its JSON, and the command that uses it', async () => {
    const dir = folder(PROJECT_FILES);
    const r = await rosi(['trigger', 'create', '--workflow', 'greet', '--title', 'Say hi'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('The trigger described by --workflow/--title is not valid (1 problem)');
    expect(r.stderr).toContain('inputs.who: is required by #/workflows/greet (type string)\n');
    expect(r.stderr).not.toContain('give it');
    expect(r.stderr).toContain(
      `The workflow needs inputs that flags cannot give ("who"). Write the trigger in a definition file, triggers/greet.json, starting from the JSON below (replace each "<…>" with the value to pass), then run: rosi trigger create --trigger-def triggers/greet.json --app ${APP_ID}\n`,
    );
    const json = JSON.parse(r.stderr.slice(r.stderr.indexOf('\n{') + 1)) as unknown;
    expect(json).toEqual({
      type: 'shortcut',
      name: 'Say hi',
      description: "Runs the '#/workflows/greet' workflow",
      shortcut: {},
      workflow: '#/workflows/greet',
      inputs: { who: { value: '<who>' } },
    });
    expect(calls()).toHaveLength(0);
  });

  it('from flags outside a project, Slack’s refusal for a missing input gets the same file hint', async () => {
    server.use(
      slackError('workflows.triggers.create', 'invalid_trigger_inputs', {
        errors: [{ code: 'invalid_trigger_inputs', missing_parameter_name: 'channel', missing_parameter_type: 'slack#/types/channel_id' }],
      }),
    );
    const r = await rosi(['trigger', 'create', '--workflow', 'greet'], { cwd: folder({}) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`then run: rosi trigger create --trigger-def greet.json --app ${APP_ID}\n`);
    expect(r.stderr).toContain('"channel": {\n      "value": "{{data.channel_id}}"');
  });

  it('outside a project the workflow is taken on trust, and --verbose says so', async () => {
    server.use(slackMethod('workflows.triggers.create', saved));
    const dir = folder({ 'x.json': JSON.stringify({ ...GREET, inputs: { anything: { customizable: true } } }) });
    const r = await rosi(['trigger', 'create', '--trigger-def', 'x.json', '--verbose'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("The trigger's workflow and inputs were not checked locally (rosi runs outside a project)");
  });

  it('no definition on a terminal: the files under the trigger paths to choose from', async () => {
    server.use(slackMethod('workflows.triggers.create', saved));
    const dir = folder({
      ...PROJECT_FILES,
      '.slack/hooks.json': JSON.stringify({ hooks: {}, config: { 'trigger-paths': ['defs/*.json'] } }),
      'defs/greet.json': JSON.stringify(GREET),
      'defs/greet.json~': '{}',
    });
    const prompter = new FakePrompter({ 'trigger-definition-file': ['defs/greet.json'] });
    const r = await rosi(['trigger', 'create'], { cwd: dir, tty: true, prompter });
    expect(r.code, r.stderr).toBe(0);
    expect(prompter.asked).toEqual([{ id: 'trigger-definition-file', message: 'Choose a trigger definition file' }]);
    expect(r.stderr).toContain("Looking for trigger definitions under 'defs/*.json'");
    expect(calls('workflows.triggers.create')[0]?.params.name).toBe('Greet');
  });

  it('a scheduled trigger: the schedule is sent as checked, and its next run printed in the local zone', async () => {
    server.use(
      slackMethod('workflows.triggers.create', (p) => ({
        trigger: { id: 'Ft0SCH0001', type: 'scheduled', name: p.name, workflow: { callback_id: 'greet' }, schedule: p.schedule },
      })),
    );
    const schedule = { start_time: '2026-03-01T09:00:00Z', timezone: 'utc', frequency: { type: 'weekly', on_days: ['Monday'] } };
    const dir = folder({ 'weekly.json': JSON.stringify({ type: 'scheduled', name: 'Weekly', workflow: '#/workflows/greet', schedule }) });
    const r = await rosi(['trigger', 'create', '--trigger-def', 'weekly.json'], {
      cwd: dir,
      env: { TZ: 'America/New_York' },
      clock: new ManualClock('2026-03-02T10:00:00Z'),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(calls('workflows.triggers.create')[0]?.params.schedule).toEqual({ ...schedule, timezone: 'UTC' });
    expect(r.stdout).toContain('Next run:    2026-03-09 05:00 -04:00');
  });

  it('a refusal for a missing input names it', async () => {
    server.use(
      slackError('workflows.triggers.create', 'invalid_trigger_inputs', {
        errors: [{ code: 'invalid_trigger_inputs', missing_parameter_name: 'interactivity', missing_parameter_type: 'slack#/types/interactivity' }],
      }),
    );
    const r = await rosi(['trigger', 'create', '--workflow', 'rotate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('`interactivity`');
  });
});

describe('rosi trigger update', () => {
  it('replaces the trigger: trigger_id last', async () => {
    server.use(slackMethod('workflows.triggers.update', saved));
    const dir = folder({ 'greet.json': JSON.stringify(GREET) });
    const r = await rosi(['trigger', 'update', '--trigger-id', 'Ft0OLD0001', '--trigger-def', 'greet.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(calls('workflows.triggers.update')[0]?.rawBody).toBe(
      `{"type":"shortcut","name":"Greet","description":"","workflow":"#/workflows/greet","workflow_app_id":"${APP_ID}","inputs":{"who":{"value":"{{data.user_id}}"}},"trigger_id":"Ft0OLD0001"}`,
    );
    expect(r.stderr).toContain('Updated trigger Ft0NEW0001');
  });

  it.each([
    { name: 'no --trigger-id, no terminal', argv: ['--workflow', 'greet'], want: 'rosi trigger update needs --trigger-id' },
    {
      name: 'a malformed --trigger-id',
      argv: ['--trigger-id', 'T123', '--workflow', 'greet'],
      want: '--trigger-id must be a trigger ID like Ft0123ABCDEF, got "T123"',
    },
  ])('$name: exit 2, nothing sent', async ({ argv, want }) => {
    const r = await rosi(['trigger', 'update', ...argv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(want);
    expect(calls()).toHaveLength(0);
  });
});

describe('rosi trigger delete', () => {
  it('--force deletes without asking', async () => {
    server.use(slackMethod('workflows.triggers.delete'));
    const r = await rosi(['trigger', 'delete', '--trigger-id', 'Ft0DEL0001', '--force', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(calls('workflows.triggers.delete')[0]?.rawBody).toBe('{"trigger_id":"Ft0DEL0001"}');
    expect(JSON.parse(r.stdout)).toEqual({ trigger_id: 'Ft0DEL0001', deleted: true });
  });

  it('without --force and without a terminal: exit 2 naming --force, nothing sent', async () => {
    const r = await rosi(['trigger', 'delete', '--trigger-id', 'Ft0DEL0001']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Deleting trigger Ft0DEL0001 needs a confirmation');
    expect(r.stderr).toContain(`rosi trigger delete --trigger-id Ft0DEL0001 --force --app ${APP_ID}`);
    expect(calls()).toHaveLength(0);
  });

  it('on a terminal it asks; no deletes nothing', async () => {
    server.use(slackMethod('workflows.triggers.delete'));
    const no = await rosi(['trigger', 'delete', '--trigger-id', 'Ft0DEL0001'], { tty: true, prompter: new FakePrompter({ 'trigger-delete': [false] }) });
    expect(no.code).toBe(130);
    expect(calls()).toHaveLength(0);
    const yes = await rosi(['trigger', 'delete', '--trigger-id', 'Ft0DEL0001'], { tty: true, prompter: new FakePrompter({ 'trigger-delete': [true] }) });
    expect(yes.code, yes.stderr).toBe(0);
    expect(yes.stderr).toContain(`Deleted trigger Ft0DEL0001 from app ${APP_ID}`);
  });

  it('no --trigger-id on a terminal: the app’s triggers to pick from, by name then ID', async () => {
    server.use(
      slackMethod('workflows.triggers.list', () => ({
        triggers: [
          deployed('Ft0B', { name: 'Beta' }),
          deployed('Ft0A2', { name: 'Alpha' }),
          deployed('Ft0A1', { name: 'Alpha' }),
          deployed('Ft0X', {}, 'A0OTHER001'),
        ],
      })),
      slackMethod('workflows.triggers.delete'),
    );
    let labels: string[] = [];
    const prompter = new FakePrompter({
      'trigger-id': [
        (choices) => {
          labels = (choices ?? []).map((c) => c.label);
          return 'Ft0B';
        },
      ],
      'trigger-delete': [true],
    });
    const r = await rosi(['trigger', 'delete'], { tty: true, prompter });
    expect(r.code, r.stderr).toBe(0);
    expect(labels).toEqual(['Alpha Ft0A1', 'Alpha Ft0A2', 'Beta Ft0B']);
    expect(calls('workflows.triggers.delete')[0]?.params.trigger_id).toBe('Ft0B');
  });

  it('no --trigger-id on a terminal and no triggers: a note, exit 0', async () => {
    server.use(slackMethod('workflows.triggers.list', () => ({ triggers: [] })));
    const r = await rosi(['trigger', 'delete'], { tty: true });
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toContain(`App ${APP_ID} has no triggers.`);
  });

  it('no --trigger-id without a terminal: exit 2 naming it', async () => {
    const r = await rosi(['trigger', 'delete', '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('needs --trigger-id');
    expect(r.stderr).toContain(`rosi trigger list --app ${APP_ID}`);
    expect(calls()).toHaveLength(0);
  });
});

describe('rosi trigger info', () => {
  const trigger = deployed('Ft0INF0001', { name: 'Greet', description: 'Says hello', date_updated: 1_767_312_000, usage: 'x', future: 1 });

  it('the trigger and who can run it', async () => {
    server.use(
      slackMethod('workflows.triggers.info', () => ({ trigger })),
      slackMethod('workflows.triggers.permissions.list', () => ({ permission_type: 'named_entities', user_ids: ['U0001', 'U0002'], channel_ids: ['C0001'] })),
    );
    const r = await rosi(['trigger', 'show', '--trigger-id', 'Ft0INF0001'], { env: { ...CI, TZ: 'Europe/Paris' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      [
        'Greet Ft0INF0001 (shortcut)',
        '  Description: Says hello',
        '  Workflow:    #/workflows/greet',
        '  Created:     2026-01-01 01:00 +01:00',
        '  Updated:     2026-01-02 01:00 +01:00',
        '  URL:         https://slack.com/shortcuts/Ft0INF0001/0123abcd',
        '  Can be run by:',
        '    users: U0001, U0002',
        '    channels: C0001',
        '',
      ].join('\n'),
    );
    expect(calls('workflows.triggers.permissions.list')[0]?.rawBody).toBe('token=xoxb-ci-token&trigger_id=Ft0INF0001');
  });

  it('--json: {trigger, access}, the trigger as Slack sent it', async () => {
    server.use(
      slackMethod('workflows.triggers.info', () => ({ trigger })),
      slackMethod('workflows.triggers.permissions.list', () => ({ permission_type: 'everyone' })),
    );
    const r = await rosi(['trigger', 'info', '--trigger-id', 'Ft0INF0001', '--json']);
    expect(JSON.parse(r.stdout)).toEqual({
      trigger,
      access: { permission_type: 'everyone', user_ids: [], channel_ids: [], team_ids: [], org_ids: [] },
    });
  });

  it('a trigger Slack does not know: exit 1 with the catalogue’s hint', async () => {
    server.use(
      slackError('workflows.triggers.info', 'trigger_not_found'),
      slackMethod('workflows.triggers.permissions.list', () => ({ permission_type: 'everyone' })),
    );
    const r = await rosi(['trigger', 'info', '--trigger-id', 'Ft0NOPE001']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('rosi trigger list');
  });
});
