import { SlackAPI } from '@slack/deno-slack-sdk';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, SEEDED_APP as APP, startSeededEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';

// Slack's own clients, which rosi did not write, against the built emulator: any difference
// from what the real API does (contract §12) is an emulator bug. WebClient form-encodes,
// with objects as JSON strings; the Deno SDK's SlackAPI does the same with a Bearer header.
const manifest = {
  display_information: { name: 'Clients' },
  functions: {},
  settings: { function_runtime: 'slack' },
  datastores: {
    tasks: { primary_key: 'id', attributes: { id: { type: 'string' }, title: { type: 'string' }, priority: { type: 'integer' }, tags: { type: 'array' } } },
  },
  workflows: {
    relay: {
      title: 'Relay',
      input_parameters: { properties: { channel: { type: 'slack#/types/channel_id' }, note: { type: 'string' } }, required: ['channel'] },
      steps: [],
    },
  },
};

/** A webhook trigger of the relay workflow, as a person would write it. */
const relayTrigger = (name: string) => ({
  type: 'webhook',
  name,
  description: 'Relays a deploy',
  workflow: '#/workflows/relay',
  inputs: { channel: { value: '{{data.channel}}' }, note: { value: 'v{{data.version}}' } },
  webhook: { filter: { version: 1, root: { statement: '{{data.kind}} == deploy' } } },
});

/** POSTs a JSON body to a webhook URL, as any webhook sender does. */
async function tripWebhook(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

let emu: EmulatorHandle;
let cleanup: () => void;
let token: string;

beforeAll(async () => {
  let home: string;
  ({ home, cleanup } = tempHome());
  emu = await startSeededEmulator(home, manifest);
  token = (await control<{ token: string }>(emu, 'seed', { user_id: 'U0CLIENT01' })).token;
  await control(emu, 'apps/collaborators', { app_id: APP, user_id: 'U0CLIENT01' });
});
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});

/** WebClient types answers without an index signature; these tests read arbitrary fields. */
type Answer = Record<string, unknown>;
const answer = (r: unknown) => r as Answer;

const task = (id: string, priority: number) => ({ id, title: `Task ${id}`, priority, tags: ['a', id] });

describe('@slack/web-api WebClient', () => {
  const client = () => new WebClient(token, { slackApiUrl: `${emu.url}/api/`, retryConfig: { retries: 0 } });

  it('auth.test names the seeded user and team', async () => {
    expect(await client().auth.test()).toMatchObject({ ok: true, user_id: 'U0CLIENT01', team_id: emu.teamId });
  });

  it('every apps.datastore method, with objects sent as JSON strings in a form', async () => {
    const c = client();
    const ds = async (method: string, args: Answer) => answer(await c.apiCall(`apps.datastore.${method}`, { app_id: APP, datastore: 'tasks', ...args }));
    expect(await ds('put', { item: task('1', 1) })).toMatchObject({ ok: true, item: task('1', 1) });
    expect(await ds('update', { item: { id: '1', priority: 5 } })).toMatchObject({ ok: true, item: { ...task('1', 1), priority: 5 } });
    expect(await ds('get', { id: '1' })).toMatchObject({ ok: true, item: { ...task('1', 1), priority: 5 } });
    expect(await ds('bulkPut', { items: [task('2', 2), task('3', 3), task('4', 4)] })).toMatchObject({ ok: true });
    const bulk = await ds('bulkGet', { ids: ['2', '3', 'missing'] });
    expect((bulk.items as { id: string }[]).map((i) => i.id).sort()).toEqual(['2', '3']);
    const query = await ds('query', {
      expression: '#p >= :min AND contains(#t, :tag)',
      expression_attributes: { '#p': 'priority', '#t': 'tags' },
      expression_values: { ':min': 3, ':tag': 'a' },
    });
    expect((query.items as { id: string }[]).map((i) => i.id).sort()).toEqual(['1', '3', '4']);
    expect(await ds('count', { expression: '#p < :max', expression_attributes: { '#p': 'priority' }, expression_values: { ':max': 4 } })).toMatchObject({
      ok: true,
      count: 2,
    });
    expect(await ds('bulkDelete', { ids: ['2', '3'] })).toMatchObject({ ok: true });
    expect(await ds('delete', { id: '4' })).toMatchObject({ ok: true });
    expect(await ds('count', {})).toMatchObject({ ok: true, count: 1 });
  });

  it('apps.activities.list: the datastore calls above are in the log, newest first, with a cursor to page on', async () => {
    const c = client();
    const page = async (extra: Answer) =>
      answer(await c.apiCall('apps.activities.list', { app_id: APP, log_event_type: 'datastore_request_result', component_id: 'tasks', ...extra }));
    const first = await page({ limit: 3 });
    const activities = first.activities as { created: number; component_type: string; payload: { request_type: string } }[];
    expect(activities).toHaveLength(3);
    expect(activities.map((a) => a.created)).toEqual([...activities.map((a) => a.created)].sort((a, b) => b - a));
    expect(activities[0]).toMatchObject({ component_type: 'tables', payload: { request_type: 'count' } });
    const cursor = (first.response_metadata as { next_cursor: string }).next_cursor;
    expect(cursor).not.toBe('');
    const rest = await page({ limit: 1000, cursor });
    expect((rest.activities as unknown[]).length + 3).toBeGreaterThanOrEqual(10);
    const bad = (await page({ min_log_level: 'loud' }).catch((e: unknown) => e)) as { data?: { error?: string } };
    expect(bad.data).toMatchObject({ ok: false, error: 'invalid_arguments' });
  });

  it('users.info, conversations.info, team.info and developer.apps.owners.list answer from the caller’s team', async () => {
    const c = client();
    expect(await c.users.info({ user: 'U0CLIENT01' })).toMatchObject({
      ok: true,
      user: { id: 'U0CLIENT01', team_id: emu.teamId, deleted: false, is_bot: false, profile: { display_name: expect.any(String) } },
    });
    expect(await c.conversations.info({ channel: 'C0GENERAL' })).toMatchObject({ ok: true, channel: { id: 'C0GENERAL', name: 'general', is_channel: true } });
    expect(await c.team.info()).toMatchObject({ ok: true, team: { id: emu.teamId } });
    const owners = answer(await c.apiCall('developer.apps.owners.list', { app_id: APP })).owners;
    expect(owners).toContainEqual({ user_id: 'U0CLIENT01', username: expect.any(String), permission_type: 'collaborator' });
    const missing = (await c.conversations.info({ channel: 'C0NOSUCHONE' }).catch((e: unknown) => e)) as { data?: unknown };
    expect(missing.data).toMatchObject({ ok: false, error: 'channel_not_found' });
  });

  it('workflows.triggers.create/list/update/delete through apiCall (a form with JSON strings), and the webhook URL it answers', async () => {
    const c = client();
    const created = answer(await c.apiCall('workflows.triggers.create', { ...relayTrigger('Web relay'), workflow_app_id: APP }));
    const trigger = created.trigger as { id: string; webhook_url: string; workflow: Answer; inputs: Answer };
    expect(trigger.id).toMatch(/^Ft[A-Z0-9]{10}$/);
    expect(trigger.workflow).toMatchObject({
      callback_id: 'relay',
      title: 'Relay',
      app_id: APP,
      input_parameters: [{ name: 'channel', is_required: true }, { name: 'note' }],
    });
    expect(trigger.inputs).toEqual({
      channel: { value: '{{data.channel}}', locked: false, hidden: false },
      note: { value: 'v{{data.version}}', locked: false, hidden: false },
    });
    expect(trigger.webhook_url.startsWith(`${emu.url}/triggers/${emu.teamId}/${trigger.id}/`)).toBe(true);

    expect(await tripWebhook(trigger.webhook_url, { kind: 'deploy', channel: 'C0DEPLOYS', version: 7 })).toEqual({ status: 200, body: { ok: true } });
    const trips = await control<{ trips: { trigger_id: string; data: unknown }[] }>(emu, `triggers/trips?app_id=${APP}&status=pending`);
    expect(trips.trips).toContainEqual(expect.objectContaining({ trigger_id: trigger.id, data: { kind: 'deploy', channel: 'C0DEPLOYS', version: 7 } }));

    const listed = answer(await c.apiCall('workflows.triggers.list', { app_id: APP, limit: 0 }));
    expect((listed.triggers as { id: string }[]).map((t) => t.id)).toContain(trigger.id);
    const updated = answer(await c.apiCall('workflows.triggers.update', { ...relayTrigger('Web relay 2'), workflow_app_id: APP, trigger_id: trigger.id }));
    expect(updated.trigger).toMatchObject({ id: trigger.id, name: 'Web relay 2', webhook_url: trigger.webhook_url });
    expect(await c.apiCall('workflows.triggers.delete', { trigger_id: trigger.id })).toMatchObject({ ok: true });
    const gone = (await c.apiCall('workflows.triggers.delete', { trigger_id: trigger.id }).catch((e: unknown) => e)) as { data?: Answer };
    expect(gone.data).toMatchObject({ ok: false, error: 'trigger_not_found' });
  });

  it('a trigger missing a required input: invalid_trigger_inputs with the parameter the official CLI reads', async () => {
    const def = { ...relayTrigger('Broken'), inputs: { note: { value: 'x' } }, workflow_app_id: APP };
    const err = (await client()
      .apiCall('workflows.triggers.create', def)
      .catch((e: unknown) => e)) as { data?: Answer };
    expect(err.data).toMatchObject({
      ok: false,
      error: 'invalid_trigger_inputs',
      errors: [{ code: 'invalid_trigger_inputs', missing_parameter_name: 'channel', missing_parameter_type: 'slack#/types/channel_id' }],
    });
  });

  it('a Slack error reaches the client as a platform error with its code', async () => {
    const err = (await client()
      .apiCall('apps.datastore.get', { app_id: 'A0NOSUCHAPP', datastore: 'tasks', id: '1' })
      .catch((e: unknown) => e)) as { code?: string; data?: { error?: string } };
    expect(err).toMatchObject({ code: 'slack_webapi_platform_error', data: { ok: false, error: 'invalid_app_id' } });
  });
});

describe('@slack/deno-slack-sdk SlackAPI', () => {
  // Inside a deployed function the bot token names the app; a user token says which app with app_id,
  // which the SDK's typed arguments do not list.
  const scope = { app_id: APP };
  const client = () => SlackAPI(token, { slackApiUrl: `${emu.url}/api/` });

  it('auth.test and the typed datastore helpers', async () => {
    const c = client();
    expect(await c.apiCall('auth.test', {})).toMatchObject({ ok: true, user_id: 'U0CLIENT01' });
    expect(await c.apps.datastore.put({ ...scope, datastore: 'tasks', item: task('d1', 7) })).toMatchObject({ ok: true, item: task('d1', 7) });
    expect(await c.apps.datastore.get({ ...scope, datastore: 'tasks', id: 'd1' })).toMatchObject({ ok: true, item: task('d1', 7) });
    const q = await c.apps.datastore.query({
      ...scope,
      datastore: 'tasks',
      expression: '#p = :p',
      expression_attributes: { '#p': 'priority' },
      expression_values: { ':p': 7 },
    });
    expect(q).toMatchObject({ ok: true, items: [task('d1', 7)] });
    expect(await c.apps.datastore.delete({ ...scope, datastore: 'tasks', id: 'd1' })).toMatchObject({ ok: true });
    expect(await c.apps.datastore.get({ ...scope, datastore: 'tasks', id: 'd1' })).toMatchObject({ ok: true, item: {} });
  });

  it('the typed workflows.triggers helpers: create, list, update, delete', async () => {
    const c = client();
    // A user token names the app with workflow_app_id, which the SDK's typed arguments leave to bot tokens.
    type CreateArgs = Parameters<typeof c.workflows.triggers.create>[0];
    type UpdateArgs = Parameters<typeof c.workflows.triggers.update>[0];
    const created = (await c.workflows.triggers.create({ ...relayTrigger('SDK relay'), workflow_app_id: APP } as unknown as CreateArgs)) as unknown as Answer;
    expect(created).toMatchObject({ ok: true, trigger: { type: 'webhook', name: 'SDK relay', workflow: { callback_id: 'relay' } } });
    const id = (created.trigger as { id: string }).id;
    const listed = (await c.workflows.triggers.list({ app_id: APP, limit: 1 } as never)) as unknown as Answer;
    expect(listed).toMatchObject({ ok: true, triggers: [expect.objectContaining({ workflow: expect.objectContaining({ app_id: APP }) })] });
    expect((listed.response_metadata as { next_cursor: string }).next_cursor).toBe('');
    const updated = (await c.workflows.triggers.update({
      ...relayTrigger('SDK relay 2'),
      workflow_app_id: APP,
      trigger_id: id,
    } as unknown as UpdateArgs)) as unknown as Answer;
    expect(updated).toMatchObject({ ok: true, trigger: { id, name: 'SDK relay 2' } });
    expect(await c.workflows.triggers.delete({ trigger_id: id })).toMatchObject({ ok: true });
    expect(await c.workflows.triggers.delete({ trigger_id: id })).toMatchObject({ ok: false, error: 'trigger_not_found' });
  });

  it('a wrong attribute type comes back as datastore_error, not a thrown HTTP error', async () => {
    const r = await client().apps.datastore.put({ ...scope, datastore: 'tasks', item: { id: 'bad', priority: 'high' } });
    expect(r).toMatchObject({ ok: false, error: 'datastore_error' });
  });

  it('apps.activities.list through apiCall, filtered by level', async () => {
    const r = answer(await client().apiCall('apps.activities.list', { app_id: APP, min_log_level: 'error', limit: 100 }));
    expect(r.ok).toBe(true);
    const levels = (r.activities as { level: string; payload: { request_type: string } }[]).map((a) => `${a.level} ${a.payload.request_type}`);
    // The refused put just above is the only failure so far.
    expect(levels).toEqual(['error put']);
  });
});
