import { readFileSync } from 'node:fs';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { fixedToken, testApi } from '../../test/msw/api.js';
import { API, calls, slackMethod } from '../../test/msw/slack.js';
import { server } from '../../test/msw/server.js';
import type { MethodName } from '../api/methods.js';
import type { TriggerRequest } from '../api/schemas/triggers.js';
import { renderError } from '../cli/render-error.js';
import { ApiContractError, ApiError } from '../errors/api-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { createColors } from '../io/colors.js';
import { MissingTriggerInputsError } from './missing-inputs.js';
import {
  createTrigger,
  deleteTrigger,
  grantTriggerAccess,
  listTriggers,
  revokeTriggerAccess,
  setTriggerAccess,
  triggerAccess,
  triggerInfo,
  updateTrigger,
} from './requests.js';

const TOKEN = 'xoxe.xoxp-1-fixture';

/** A contract fixture's text, exactly as stored (test/fixtures/api/<method>/<name>.json). */
function fixtureText(method: MethodName, name: string): string {
  return readFileSync(new URL(`../../test/fixtures/api/${method}/${name}.json`, import.meta.url), 'utf8');
}
const fixture = (method: MethodName, name: string) => JSON.parse(fixtureText(method, name)) as Record<string, unknown>;
/** Answers with the fixture's bytes, not a re-serialisation. */
const serve = (method: MethodName, name: string) => () =>
  new HttpResponse(fixtureText(method, name), { headers: { 'content-type': 'application/json; charset=utf-8' } });

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.unreachable('the call should have failed'),
    (e: unknown) => e,
  );
}

function rendered(e: unknown): string {
  let text = '';
  renderError(e, { write: (s) => void (text += s) }, { json: false, verbose: false, colors: createColors(false) });
  return text;
}

// The official CLI's request fixtures (slackapi/slack-cli internal/api/workflows_test.go),
// each given to rosi with its keys scrambled: the body order is rosi's to get right.
const base = { workflow_app_id: 'A1234', workflow: '#/workflows/test', description: 'desc', name: 'name' } as const;
const saves: { name: string; trigger: TriggerRequest; want: string }[] = [
  {
    name: 'shortcut',
    trigger: { ...base, shortcut: {}, type: 'shortcut' },
    want: '{"type":"shortcut","name":"name","description":"desc","shortcut":{},"workflow":"#/workflows/test","workflow_app_id":"A1234"}',
  },
  {
    name: 'shortcut with inputs',
    trigger: { inputs: { test: { value: 'val' } }, ...base, shortcut: {}, type: 'shortcut' },
    want: '{"type":"shortcut","name":"name","description":"desc","shortcut":{},"workflow":"#/workflows/test","workflow_app_id":"A1234","inputs":{"test":{"value":"val"}}}',
  },
  {
    name: 'event',
    trigger: { event: { event_type: 'reaction_added', channel_ids: ['C1234'] }, ...base, type: 'event' },
    want: '{"type":"event","name":"name","description":"desc","workflow":"#/workflows/test","workflow_app_id":"A1234","event":{"event_type":"reaction_added","channel_ids":["C1234"]}}',
  },
  {
    name: 'scheduled',
    trigger: { schedule: { start_time: '2020-03-15', frequency: { type: 'daily' } }, ...base, type: 'scheduled' },
    want: '{"type":"scheduled","name":"name","description":"desc","workflow":"#/workflows/test","workflow_app_id":"A1234","schedule":{"start_time":"2020-03-15","frequency":{"type":"daily"}}}',
  },
  {
    name: 'webhook',
    trigger: { webhook: { filter: { root: {}, version: 1 }, channel_ids: ['C1234'] }, ...base, type: 'webhook' },
    want: '{"type":"webhook","name":"name","description":"desc","workflow":"#/workflows/test","workflow_app_id":"A1234","webhook":{"filter":{"root":{},"version":1},"channel_ids":["C1234"]}}',
  },
];

describe('workflows.triggers.create and update: the body byte for byte (runtime contract §1.1)', () => {
  it.each(saves)('create $name', async ({ trigger, want }) => {
    server.use(slackMethod('workflows.triggers.create', serve('workflows.triggers.create', 'ok')));
    const created = await createTrigger(testApi().api, trigger);
    const [c] = calls('workflows.triggers.create');
    expect(c?.rawBody).toBe(want);
    expect(c?.url).toBe(`${API}/api/workflows.triggers.create`);
    expect(c?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(c?.headers['content-type']).toBe('application/json; charset=utf-8');
    // The answer's fields come back as sent, the ones rosi does not know (`desc`) included.
    expect(created).toEqual(fixture('workflows.triggers.create', 'ok').trigger);
  });

  it.each(saves)('update $name: create’s keys, then trigger_id last', async ({ trigger, want }) => {
    server.use(slackMethod('workflows.triggers.update', serve('workflows.triggers.update', 'ok')));
    const updated = await updateTrigger(testApi().api, 'Ft123', trigger);
    expect(calls('workflows.triggers.update')[0]?.rawBody).toBe(`${want.slice(0, -1)},"trigger_id":"Ft123"}`);
    expect(updated.id).toBe('Ft123');
  });

  it.each([
    {
      name: 'inputs sorted by name; any JSON value kept, "" included; customizable:false left out',
      inputs: { zeta: { value: 'z' }, alpha: { value: '' }, mid: { customizable: true }, beta: { customizable: false, value: 'b' }, count: { value: 3 } },
      want: '"inputs":{"alpha":{"value":""},"beta":{"value":"b"},"count":{"value":3},"mid":{"customizable":true},"zeta":{"value":"z"}}',
    },
    { name: 'no inputs key for an empty map', inputs: {}, want: undefined },
  ])('$name', async ({ inputs, want }) => {
    server.use(slackMethod('workflows.triggers.create', serve('workflows.triggers.create', 'ok')));
    await createTrigger(testApi().api, { type: 'shortcut', ...base, inputs });
    const body = calls('workflows.triggers.create')[0]?.rawBody ?? '';
    if (want) expect(body).toBe(`{"type":"shortcut","name":"name","description":"desc","workflow":"#/workflows/test","workflow_app_id":"A1234",${want}}`);
    else expect(body).not.toContain('inputs');
  });

  it('description and workflow_app_id are sent even when empty; a shortcut keeps only its button text', async () => {
    server.use(slackMethod('workflows.triggers.create', serve('workflows.triggers.create', 'ok')));
    const shortcut = { button_text: 'Go', extra: 'dropped' } as unknown as { button_text: string };
    await createTrigger(testApi().api, { type: 'shortcut', name: 'n', description: '', workflow: '#/workflows/w', workflow_app_id: '', shortcut });
    expect(calls('workflows.triggers.create')[0]?.rawBody).toBe(
      '{"type":"shortcut","name":"n","description":"","shortcut":{"button_text":"Go"},"workflow":"#/workflows/w","workflow_app_id":""}',
    );
  });

  it('an error without missing inputs stays the plain API error, with its catalogue text', async () => {
    server.use(slackMethod('workflows.triggers.create', serve('workflows.triggers.create', 'invalid_scopes')));
    const e = await failure(createTrigger(testApi().api, saves[0]!.trigger));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).not.toBeInstanceOf(MissingTriggerInputsError);
    expect((e as ApiError).code).toBe('invalid_scopes');
    expect((e as ApiError).message).toBe('Some of the scopes requested do not exist');
  });
});

describe('errors[] with missing parameters (runtime contract §1.4)', () => {
  it.each([
    { method: 'workflows.triggers.create' as const, save: (t: TriggerRequest) => createTrigger(testApi().api, t) },
    { method: 'workflows.triggers.update' as const, save: (t: TriggerRequest) => updateTrigger(testApi().api, 'Ft123', t) },
  ])('$method names each missing input, its type and the fix', async ({ method, save }) => {
    server.use(slackMethod(method, serve('workflows.triggers.create', 'invalid_trigger_inputs')));
    const e = (await failure(save(saves[0]!.trigger))) as MissingTriggerInputsError;
    expect(e).toBeInstanceOf(MissingTriggerInputsError);
    expect(e.code).toBe('invalid_trigger_inputs');
    expect(e.slackError).toBe('invalid_trigger_inputs');
    expect(e.method).toBe(method);
    expect(e.exitCode).toBe(ExitCode.failed);
    expect(e.missing).toEqual([
      { name: 'interactivity', type: 'slack#/types/interactivity' },
      { name: 'channel', type: 'slack#/types/channel_id' },
    ]);
    expect(e.message).toBe(
      "The trigger gives no value for the workflow's required inputs `interactivity` (slack#/types/interactivity), `channel` (slack#/types/channel_id)",
    );
    expect(e.hint).toBe(
      'Give each one a value under "inputs" in the trigger definition: "inputs": {"interactivity": {"value": "{{data.interactivity}}"}, "channel": {"value": "…"}} ({{data.interactivity}} passes on the click of a link trigger).',
    );
    const text = rendered(e);
    expect(text).toContain(`invalid_trigger_inputs from ${method}`);
    expect(text).toContain('  - Missing value for parameter `interactivity` (invalid_trigger_inputs)');
    expect(text).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('one missing input of a plain type', async () => {
    server.use(
      slackMethod('workflows.triggers.create', () =>
        HttpResponse.json({
          ok: false,
          error: 'invalid_trigger_inputs',
          errors: [{ code: 'invalid_trigger_inputs', missing_parameter_name: 'title', missing_parameter_type: 'string' }],
        }),
      ),
    );
    const e = (await failure(createTrigger(testApi().api, saves[0]!.trigger))) as MissingTriggerInputsError;
    expect(e.message).toBe("The trigger gives no value for the workflow's required input `title` (string)");
    expect(e.hint).toBe('Give it a value under "inputs" in the trigger definition: "inputs": {"title": {"value": "…"}}.');
  });
});

describe('workflows.triggers.delete and info', () => {
  it('delete sends {"trigger_id":…} and reads ok only', async () => {
    server.use(slackMethod('workflows.triggers.delete', serve('workflows.triggers.delete', 'ok')));
    await expect(deleteTrigger(testApi().api, 'FtABC')).resolves.toBeUndefined();
    expect(calls('workflows.triggers.delete')[0]?.rawBody).toBe('{"trigger_id":"FtABC"}');
  });

  it('info answers the whole trigger, fields rosi does not know kept', async () => {
    const body = fixture('workflows.triggers.info', 'ok') as { trigger: Record<string, unknown> };
    const trigger = { ...body.trigger, not_yet_known: { kept: true } };
    server.use(slackMethod('workflows.triggers.info', () => ({ trigger })));
    const got = await triggerInfo(testApi().api, 'Ft0141BC3F2N');
    expect(calls('workflows.triggers.info')[0]?.rawBody).toBe('{"trigger_id":"Ft0141BC3F2N"}');
    expect(got).toEqual(trigger);
  });
});

describe('workflows.triggers.list', () => {
  const trigger = (id: string, appId?: string) => ({ id, type: 'shortcut', name: id, workflow: { id: 'Fn1', ...(appId && { app_id: appId }) } });

  it('pages with the cursor and keeps only the app’s triggers', async () => {
    const pages = [
      { triggers: [trigger('Ft1', 'A1'), trigger('Ft2', 'A2')], response_metadata: { next_cursor: 'c2' } },
      { triggers: [{ ...trigger('Ft3'), workflow: { id: 'Fn1', app: { id: 'A1' } } }, trigger('Ft4')], response_metadata: { next_cursor: '' } },
    ];
    server.use(slackMethod('workflows.triggers.list', (p) => pages[p.cursor === 'c2' ? 1 : 0]));
    const got = [];
    for await (const page of listTriggers(testApi().api, { appId: 'A1', type: 'shortcut', limit: 2 })) got.push(page);
    expect(got.map((p) => [p.triggers.map((t) => t.id), p.nextCursor])).toEqual([
      [['Ft1'], 'c2'],
      [['Ft3'], undefined],
    ]);
    expect(calls('workflows.triggers.list').map((c) => c.rawBody)).toEqual([
      '{"app_id":"A1","limit":2,"type":"shortcut"}',
      '{"app_id":"A1","limit":2,"cursor":"c2","type":"shortcut"}',
    ]);
  });

  it.each([
    { name: 'type all and no limit send neither', o: { type: 'all' }, want: '{"app_id":"A0123"}' },
    { name: 'limit 0 sends none', o: { limit: 0 }, want: '{"app_id":"A0123"}' },
    { name: 'limit and type (the CLI’s fixture)', o: { limit: 4, type: 'shortcut' }, want: '{"app_id":"A0123","limit":4,"type":"shortcut"}' },
    { name: 'resumes from a cursor', o: { cursor: 'fake_cursor' }, want: '{"app_id":"A0123","cursor":"fake_cursor"}' },
  ])('$name', async ({ o, want }) => {
    server.use(slackMethod('workflows.triggers.list', () => ({ triggers: [] })));
    for await (const _ of listTriggers(testApi().api, { appId: 'A0123', ...o }));
    expect(calls('workflows.triggers.list').map((c) => c.rawBody)).toEqual([want]);
  });

  it('the CLI’s fixture page parses; its triggers name no app, so none is the app’s', async () => {
    server.use(slackMethod('workflows.triggers.list', serve('workflows.triggers.list', 'ok')));
    const pages = listTriggers(testApi().api, { appId: 'A0123', limit: 4 });
    const first = await pages.next();
    expect(first.value).toEqual({ triggers: [], nextCursor: 'fake_cursor' });
    await pages.return(undefined);
    expect(calls('workflows.triggers.list')).toHaveLength(1);
  });

  it('a caller that stops after the first page fetches no more', async () => {
    server.use(slackMethod('workflows.triggers.list', () => ({ triggers: [trigger('Ft1', 'A1')], response_metadata: { next_cursor: 'c2' } })));
    for await (const page of listTriggers(testApi().api, { appId: 'A1' })) {
      expect(page.triggers).toHaveLength(1);
      break;
    }
    expect(calls('workflows.triggers.list')).toHaveLength(1);
  });
});

// The official CLI's form fixtures (internal/api/triggerpermissions_test.go): keys sorted,
// the token a form field, ID lists comma-joined.
describe('workflows.triggers.permissions.*: form bodies with the token as a field (runtime contract §1.1, §1.2)', () => {
  const contractToken = () => testApi({ tokens: fixedToken('xoxp-123') }).api;

  function expectForm(method: MethodName, want: string) {
    const [c] = calls(method);
    expect(c?.httpMethod).toBe('POST');
    expect(c?.rawBody).toBe(want);
    expect(c?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(c?.headers.authorization).toBeUndefined();
  }

  it.each([
    { entities: { users: ['U0001', 'U0002'] }, want: 'permission_type=named_entities&token=xoxp-123&trigger_id=Ft123&user_ids=U0001%2CU0002' },
    { entities: { channels: ['C0001', 'C0002'] }, want: 'channel_ids=C0001%2CC0002&permission_type=named_entities&token=xoxp-123&trigger_id=Ft123' },
    { entities: { orgs: ['E0001', 'E0002'] }, want: 'org_ids=E0001%2CE0002&permission_type=named_entities&token=xoxp-123&trigger_id=Ft123' },
    { entities: { teams: ['T0001', 'T0002'] }, want: 'permission_type=named_entities&team_ids=T0001%2CT0002&token=xoxp-123&trigger_id=Ft123' },
  ])('set named_entities $entities', async ({ entities, want }) => {
    server.use(slackMethod('workflows.triggers.permissions.set', serve('workflows.triggers.permissions.set', 'ok')));
    const got = await setTriggerAccess(contractToken(), 'Ft123', { type: 'named_entities', entities });
    expectForm('workflows.triggers.permissions.set', want);
    expect(got).toEqual({ type: 'named_entities', users: ['U0001', 'U0002'], channels: [], teams: [], orgs: [] });
  });

  it.each(['everyone', 'app_collaborators'] as const)('set %s sends no entity list, even when given one', async (type) => {
    server.use(slackMethod('workflows.triggers.permissions.set', () => ({ permission_type: type })));
    const got = await setTriggerAccess(contractToken(), 'Ft123', { type, entities: { users: ['U0001'] } });
    expectForm('workflows.triggers.permissions.set', `permission_type=${type}&token=xoxp-123&trigger_id=Ft123`);
    expect(got.type).toBe(type);
  });

  it('set whose answer leaves out permission_type reports the type asked for', async () => {
    server.use(slackMethod('workflows.triggers.permissions.set', () => ({})));
    await expect(setTriggerAccess(contractToken(), 'Ft123', { type: 'everyone' })).resolves.toMatchObject({ type: 'everyone' });
  });

  it('list sends the trigger and the token; answers type and IDs (the docs’ example)', async () => {
    server.use(slackMethod('workflows.triggers.permissions.list', serve('workflows.triggers.permissions.list', 'ok')));
    const got = await triggerAccess(contractToken(), 'Ft123');
    expectForm('workflows.triggers.permissions.list', 'token=xoxp-123&trigger_id=Ft123');
    expect(got).toEqual({ type: 'app_collaborators', users: ['U01565LTEBD'], channels: [], teams: [], orgs: [] });
  });

  it.each([
    { answer: 'EVERYONE', want: 'everyone' },
    { answer: 'Named_Entities', want: 'named_entities' },
  ])('list lower-cases $answer, as the official CLI does', async ({ answer, want }) => {
    server.use(slackMethod('workflows.triggers.permissions.list', () => ({ permission_type: answer })));
    await expect(triggerAccess(contractToken(), 'Ft123')).resolves.toMatchObject({ type: want });
  });

  it('list rejects an access type it does not know', async () => {
    server.use(slackMethod('workflows.triggers.permissions.list', () => ({ permission_type: 'somebody' })));
    const e = await failure(triggerAccess(contractToken(), 'Ft123'));
    expect(e).toBeInstanceOf(ApiContractError);
    expect((e as ApiContractError).message).toBe('Unexpected response from workflows.triggers.permissions.list: unrecognized access type "somebody"');
  });

  it.each([
    { method: 'workflows.triggers.permissions.add' as const, edit: grantTriggerAccess },
    { method: 'workflows.triggers.permissions.remove' as const, edit: revokeTriggerAccess },
  ])('$method sends comma-joined IDs', async ({ method, edit }) => {
    server.use(slackMethod(method, serve(method, 'ok')));
    await edit(contractToken(), 'Ft123', { users: ['U0001', 'U0002'], channels: ['C0001'] });
    expectForm(method, 'channel_ids=C0001&token=xoxp-123&trigger_id=Ft123&user_ids=U0001%2CU0002');
  });

  it('an error answer carries the catalogue’s text', async () => {
    server.use(slackMethod('workflows.triggers.permissions.set', serve('workflows.triggers.permissions.set', 'user_not_found')));
    const e = (await failure(setTriggerAccess(contractToken(), 'Ft123', { type: 'named_entities', entities: { users: ['U9'] } }))) as ApiError;
    expect(e.code).toBe('user_not_found');
    expect(e.message).toBe('A user was not found');
  });
});

describe('the token of a form-token method never reaches the debug log or an error', () => {
  // Assembled at run time, so the source holds nothing a token scanner would take for a real one.
  const secret = ['xoxe.xoxp', '1', 'Mi0yLTQ1Njc4OTAxMjM0NQ'].join('-');
  const longList = Array.from({ length: 200 }, (_, i) => `C${String(i).padStart(10, '0')}`);
  const runs: { name: string; method: MethodName; run: (api: ReturnType<typeof testApi>['api']) => Promise<unknown> }[] = [
    { name: 'list', method: 'workflows.triggers.permissions.list', run: (api) => triggerAccess(api, 'Ft123') },
    { name: 'set', method: 'workflows.triggers.permissions.set', run: (api) => setTriggerAccess(api, 'Ft123', { type: 'everyone' }) },
    { name: 'add', method: 'workflows.triggers.permissions.add', run: (api) => grantTriggerAccess(api, 'Ft123', { users: ['U1'] }) },
    { name: 'remove', method: 'workflows.triggers.permissions.remove', run: (api) => revokeTriggerAccess(api, 'Ft123', { users: ['U1'] }) },
    {
      name: 'add with a body longer than the log shows',
      method: 'workflows.triggers.permissions.add',
      run: (api) => grantTriggerAccess(api, 'Ft123', { channels: longList }),
    },
  ];

  it.each(runs)('$name: success', async ({ method, run }) => {
    server.use(slackMethod(method, () => ({ permission_type: 'everyone' })));
    const { api, lines } = testApi({ tokens: fixedToken(secret) });
    await run(api);
    expect(calls(method)[0]?.params.token).toBe(secret);
    const log = lines.join('\n');
    expect(log).toContain(`POST ${API}/api/${method}`);
    expect(log).not.toContain('Mi0yLTQ1Njc4OTAxMjM0NQ');
    expect(log).not.toMatch(/xox[a-z]?(?:\.xox[a-z])?-1/);
  });

  it.each(runs)('$name: failure', async ({ method, run }) => {
    server.use(slackMethod(method, () => HttpResponse.json({ ok: false, error: 'invalid_auth' })));
    const { api, lines } = testApi({ tokens: fixedToken(secret) });
    const e = await failure(run(api));
    expect(e).toBeInstanceOf(ApiError);
    expect(`${lines.join('\n')}\n${rendered(e)}\n${JSON.stringify(e)}`).not.toContain('Mi0yLTQ1Njc4OTAxMjM0NQ');
  });

  it('the logged form body shows the token field masked', async () => {
    server.use(slackMethod('workflows.triggers.permissions.list', () => ({ permission_type: 'everyone' })));
    const { api, lines } = testApi({ tokens: fixedToken(secret) });
    await triggerAccess(api, 'Ft123');
    expect(lines[0]).toBe(`→ POST ${API}/api/workflows.triggers.permissions.list token=[redacted]&trigger_id=Ft123`);
  });
});
