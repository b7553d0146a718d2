import { afterEach, describe, expect, it } from 'vitest';
import { createApp, hostedManifest, OTHER_TEAM, seedUser } from '../../../test/helpers/hosting.js';
import { useInProcessEmulator, type InProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import { executions as listExecutions, settledExecutions, type Execution } from '../../../test/helpers/workflows.js';
import { DEFAULT_DELAY_CAP_MS } from '../defaults.js';
import { MAX_EVENT_CHAIN } from './events.js';
import { appBotUserId as botUserId } from '../ids.js';

const str = { type: 'string' };

/** The app's executions, newest first, with the trigger that started each. */
const executions = async (emu: InProcessEmulator, appId: string) => (await listExecutions(emu, appId)) as (Execution & { trigger_id: string })[];

/** An app whose `echo` workflow posts its text to a channel and whose `collect` workflow only keeps its inputs. */
const eventsManifest = () =>
  hostedManifest({
    functions: {},
    workflows: {
      echo: {
        title: 'Echo',
        input_parameters: { properties: { channel: { type: 'slack#/types/channel_id' }, text: str }, required: ['channel', 'text'] },
        steps: [{ id: '0', function_id: 'slack#/functions/send_message', inputs: { channel_id: '{{inputs.channel}}', message: '{{inputs.text}}' } }],
      },
      echo_then_wait: {
        title: 'Echo, then wait',
        input_parameters: { properties: { channel: { type: 'slack#/types/channel_id' }, text: str }, required: ['channel', 'text'] },
        steps: [
          { id: '0', function_id: 'slack#/functions/send_message', inputs: { channel_id: '{{inputs.channel}}', message: '{{inputs.text}}' } },
          { id: '1', function_id: 'slack#/functions/delay', inputs: { minutes_to_delay: 1 } },
        ],
      },
      collect: {
        title: 'Collect',
        input_parameters: { properties: { text: str, user: str, channel: str, channel_type: str, ts: str, thread: str, reaction: str, app: str, kind: str } },
        steps: [],
      },
    },
  });

const collectAll = {
  text: { value: '{{data.text}}' },
  user: { value: '{{data.user_id}}' },
  channel: { value: '{{data.channel_id}}' },
  channel_type: { value: '{{data.channel_type}}' },
  ts: { value: '{{data.message_ts}}' },
  app: { value: '{{data.app_id}}' },
  kind: { value: '{{data.event_type}}' },
};

const statement = (s: string) => ({ version: 1, root: { statement: s } });

async function eventsApp(emu: InProcessEmulator, token?: string) {
  const made = token
    ? await emu.json('apps.manifest.create', { manifest: eventsManifest() }, token).then((r) => ({ token, appId: String(r.app_id) }))
    : await createApp(emu, eventsManifest());
  const trigger = async (workflow: string, event: Json, inputs: Json = {}) => {
    const r = await emu.json(
      'workflows.triggers.create',
      { type: 'event', name: `On ${String(event.event_type)}`, workflow: `#/workflows/${workflow}`, workflow_app_id: made.appId, event, inputs },
      made.token,
    );
    if (r.ok !== true) throw new Error(`trigger create failed: ${JSON.stringify(r)}`);
    return String((r.trigger as Json).id);
  };
  const activities = async () => {
    const r = await emu.json('apps.activities.list', { app_id: made.appId, limit: 1000, min_log_level: 'trace' }, made.token);
    return (r.activities as Json[]).slice().reverse();
  };
  return { ...made, trigger, activities };
}

const post = (emu: InProcessEmulator, type: string, data: Json, teamId?: string) =>
  emu.control('events', { type, data, ...(teamId ? { team_id: teamId } : {}) });

async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('waited 4 s in vain');
}

/** Lets any run that was going to start show up. */
const settle = () => new Promise((r) => setTimeout(r, 150));

describe('event triggers fire (runtime contract §1.5)', () => {
  const emu = useInProcessEmulator();
  afterEach(() => expect(emu().errors).toEqual([]));

  it('a message_posted trigger starts on a message in its channel that passes its filter, and only then', async () => {
    const app = await eventsApp(emu());
    const id = await app.trigger(
      'collect',
      { event_type: 'slack#/events/message_posted', channel_ids: ['C0GENERAL'], filter: statement('{{data.text}} == hello') },
      collectAll,
    );
    const hit = await post(emu(), 'message_posted', { channel_id: 'C0GENERAL', user_id: 'U0EMULATOR', text: 'hello' });
    expect(hit.status).toBe(200);
    expect(hit.body).toMatchObject({ ok: true, started: [{ trigger_id: id, workflow_execution_id: expect.stringMatching(/^Wx/) }], refused: [] });
    const data = (hit.body.event as Json).data as Json;
    expect(data).toEqual({
      channel_id: 'C0GENERAL',
      channel_type: 'public',
      message_ts: expect.stringMatching(/^\d+\.\d{6}$/),
      text: 'hello',
      user_id: 'U0EMULATOR',
      event_type: 'slack#/events/message_posted',
    });
    for (const miss of [
      { channel_id: 'C0GENERAL', user_id: 'U0EMULATOR', text: 'bye' },
      { channel_id: 'C0RANDOM', user_id: 'U0EMULATOR', text: 'hello' },
    ]) {
      expect((await post(emu(), 'message_posted', miss)).body.started).toEqual([]);
    }
    // Another type of event in the same channel does not start it either.
    expect(
      (await post(emu(), 'reaction_added', { channel_id: 'C0GENERAL', user_id: 'U0EMULATOR', reaction: 'hello', message_ts: '1.000001' })).body.started,
    ).toEqual([]);
    const [x] = await settledExecutions(emu(), app.appId);
    await settle();
    expect(await executions(emu(), app.appId)).toHaveLength(1);
    expect(x).toMatchObject({
      status: 'completed',
      trigger_id: id,
      inputs: { text: 'hello', user: 'U0EMULATOR', channel: 'C0GENERAL', channel_type: 'public', ts: data.message_ts, kind: 'slack#/events/message_posted' },
    });
    // The person's message is in the message log, with who posted it and no app.
    const log = await emu().control('messages?channel=C0GENERAL');
    expect(log.body.messages).toEqual([
      { ts: data.message_ts, text: 'hello', user_id: 'U0EMULATOR', posted_at: expect.any(String) },
      expect.objectContaining({ text: 'bye' }),
    ]);
  });

  it('a message a workflow posts is a message_posted event from the app’s bot user; poster and started run apart', async () => {
    const app = await eventsApp(emu());
    const hook = await emu().json(
      'workflows.triggers.create',
      {
        type: 'webhook',
        name: 'Echo',
        workflow: '#/workflows/echo_then_wait',
        workflow_app_id: app.appId,
        inputs: { channel: { value: '{{data.channel}}' }, text: { value: '{{data.text}}' } },
      },
      app.token,
    );
    const listener = await app.trigger(
      'collect',
      { event_type: 'slack#/events/message_posted', all_resources: true, filter: statement('{{data.text}} == ping') },
      collectAll,
    );
    const url = String((hook.trigger as Json).webhook_url);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0RANDOM', text: 'ping' }),
    });
    expect(res.status).toBe(200);
    // The workflow it starts runs to its end while the poster still waits (on the emulator's clock).
    const collected = await waitFor(async () => (await executions(emu(), app.appId)).find((x) => x.trigger_id === listener && x.status === 'completed'));
    expect((await executions(emu(), app.appId)).find((x) => x.trigger_id !== listener)?.status).toBe('running');
    emu().clock.advance(DEFAULT_DELAY_CAP_MS);
    const [echo] = await settledExecutions(emu(), app.appId, 2);
    await settle();
    expect(await executions(emu(), app.appId)).toHaveLength(2);
    const ts = echo?.steps[0]?.outputs?.message_timestamp;
    expect(collected).toMatchObject({
      trigger_id: listener,
      status: 'completed',
      inputs: { text: 'ping', user: botUserId(app.appId), app: app.appId, channel: 'C0RANDOM', channel_type: 'public', ts },
    });
    // trigger_executed says which event trigger ran, and the event's user and channel.
    const executed = (await app.activities()).filter((a) => a.event_type === 'trigger_executed').map((a) => a.payload as Json);
    expect(executed[1]).toMatchObject({
      trigger: { id: listener, type: 'event', trip_information: { user_id: botUserId(app.appId), channel_id: 'C0RANDOM' } },
    });
  });

  it('a reaction_added posted through the control endpoint starts the workflow with the event as its data; the filter decides', async () => {
    const app = await eventsApp(emu());
    const id = await app.trigger(
      'collect',
      { event_type: 'slack#/events/reaction_added', channel_ids: ['C0GENERAL', 'C0RANDOM'], filter: statement('{{data.reaction}} == eyes') },
      {
        reaction: { value: '{{data.reaction}}' },
        user: { value: '{{data.user_id}}' },
        ts: { value: '{{data.message_ts}}' },
        text: { value: 'at {{data.message_link}}' },
      },
    );
    const miss = await post(emu(), 'slack#/events/reaction_added', {
      channel_id: 'C0RANDOM',
      user_id: 'U0SOMEONE',
      reaction: 'tada',
      message_ts: '1700000000.000100',
    });
    expect(miss.body.started).toEqual([]);
    const hit = await post(emu(), 'reaction_added', { channel_id: 'C0RANDOM', user_id: 'U0SOMEONE', reaction: 'eyes', message_ts: '1700000000.000100' });
    expect(hit.body.started).toEqual([{ trigger_id: id, workflow_execution_id: expect.any(String), trace_id: expect.any(String) }]);
    const [x] = await settledExecutions(emu(), app.appId);
    expect(x?.inputs).toEqual({ reaction: 'eyes', user: 'U0SOMEONE', ts: '1700000000.000100', text: `at ${emu().url}/archives/C0RANDOM/p1700000000000100` });
  });

  it('another team’s trigger never fires on this team’s events, and this team’s never on the other’s', async () => {
    const mine = await eventsApp(emu());
    const theirs = await eventsApp(emu(), await seedUser(emu()));
    const listen = { event_type: 'slack#/events/message_posted', all_resources: true, filter: statement('{{data.text}} == hi') };
    const myTrigger = await mine.trigger('collect', listen, collectAll);
    const theirTrigger = await theirs.trigger('collect', listen, collectAll);
    const channels = await emu().control(`channels?team_id=${OTHER_TEAM.team_id}`);
    const theirGeneral = String(((channels.body.channels as Json[])[0] as Json).id);

    const here = await post(emu(), 'message_posted', { channel_id: 'C0GENERAL', user_id: 'U0EMULATOR', text: 'hi' });
    expect(here.body.started).toEqual([expect.objectContaining({ trigger_id: myTrigger })]);
    const there = await post(emu(), 'message_posted', { channel_id: theirGeneral, user_id: OTHER_TEAM.user_id, text: 'hi' }, OTHER_TEAM.team_id);
    expect(there.body.started).toEqual([expect.objectContaining({ trigger_id: theirTrigger })]);
    // A channel of another team is not one of this team's.
    expect((await post(emu(), 'message_posted', { channel_id: theirGeneral, user_id: 'U0EMULATOR', text: 'hi' })).body).toMatchObject({
      ok: false,
      error: 'channel_not_found',
    });
    await settledExecutions(emu(), mine.appId);
    await settledExecutions(emu(), theirs.appId);
    await settle();
    expect(await executions(emu(), mine.appId)).toHaveLength(1);
    expect(await executions(emu(), theirs.appId)).toHaveLength(1);
  });

  it(`the loop guard: a workflow whose message starts itself runs ${MAX_EVENT_CHAIN} times in a row, then a trigger_executed error`, async () => {
    const app = await eventsApp(emu());
    const id = await app.trigger(
      'echo',
      { event_type: 'slack#/events/message_posted', channel_ids: ['C0GENERAL'], filter: statement('{{data.text}} == again') },
      { channel: { value: '{{data.channel_id}}' }, text: { value: '{{data.text}}' } },
    );
    const first = await post(emu(), 'message_posted', { channel_id: 'C0GENERAL', user_id: 'U0EMULATOR', text: 'again' });
    expect(first.body.started).toHaveLength(1);
    await settledExecutions(emu(), app.appId, MAX_EVENT_CHAIN);
    const refused = async () => (await app.activities()).filter((a) => a.event_type === 'trigger_executed' && a.level === 'error');
    for (let i = 0; i < 100 && (await refused()).length === 0; i++) await settle();
    await settle();
    const runs = await executions(emu(), app.appId);
    expect(runs).toHaveLength(MAX_EVENT_CHAIN);
    expect(runs.every((r) => r.status === 'completed')).toBe(true);
    const [error, ...more] = await refused();
    expect(more).toEqual([]);
    expect(error?.payload).toMatchObject({
      trigger: { id, type: 'event', trip_information: { user_id: botUserId(app.appId), channel_id: 'C0GENERAL' } },
      reason: 'event_chain_too_long',
      errors: expect.stringContaining(`${MAX_EVENT_CHAIN} events in a row`),
    });
    // The last message is there; nothing answered it.
    const messages = (await emu().control('messages?channel=C0GENERAL')).body.messages as Json[];
    expect(messages).toHaveLength(MAX_EVENT_CHAIN + 1);
  });

  it('the control endpoint names what is wrong with an event', async () => {
    const cases: [Json, number, string, RegExp][] = [
      [{ data: {} }, 400, 'invalid_arguments', /type is needed/],
      [{ type: 'message_postd', data: {} }, 400, 'invalid_event_type', /not an event type rosi knows: use one of .*message_posted/],
      [
        { type: 'reaction_added', data: { channel_id: 'C0GENERAL' } },
        400,
        'invalid_arguments',
        /reaction_added needs data.user_id, data.reaction, data.message_ts/,
      ],
      [{ type: 'reaction_added', data: [] }, 400, 'invalid_arguments', /data must be a JSON object/],
      [
        { type: 'user_joined_channel', data: { channel_id: 'C0GENERAL', user_id: 'U1', emoji: 'x' } },
        400,
        'invalid_arguments',
        /data.emoji is not a field of user_joined_channel: it takes/,
      ],
      [
        { type: 'message_posted', data: { channel_id: 'C0GENERAL', user_id: 'U1', text: 'x', message_ts: '1.2' } },
        400,
        'invalid_arguments',
        /data.message_ts is not a field/,
      ],
      [{ type: 'message_posted', data: { channel_id: 'C0NOSUCH', user_id: 'U1', text: 'x' } }, 400, 'channel_not_found', /C0NOSUCH is not a channel of team/],
      [{ type: 'message_posted', data: { channel_id: 'C0GENERAL', user_id: 'U1', text: 'x', thread_ts: '9.000001' } }, 400, 'thread_not_found', /9.000001/],
      [{ type: 'user_joined_channel', data: { channel_id: 'C0GENERAL', user_id: 42 } }, 400, 'invalid_arguments', /data.user_id must be a string/],
      [{ type: 'channel_created', team_id: 'T0NOSUCH', data: {} }, 404, 'team_not_found', /T0NOSUCH/],
    ];
    for (const [body, status, error, message] of cases) {
      const r = await emu().control('events', body);
      expect({ body, status: r.status, error: r.body.error }).toEqual({ body, status, error });
      expect(String(r.body.message)).toMatch(message);
    }
  });

  it('a workspace event: channel_created fires a trigger that listens for it, with the channel’s name', async () => {
    const app = await eventsApp(emu());
    const id = await app.trigger(
      'collect',
      { event_type: 'slack#/events/channel_created' },
      { text: { value: '{{data.channel_name}}' }, user: { value: '{{data.creator_id}}' } },
    );
    const r = await post(emu(), 'channel_created', { channel_id: 'C0NEWONE', channel_name: 'launch', creator_id: 'U0EMULATOR' });
    expect(r.body.started).toEqual([expect.objectContaining({ trigger_id: id })]);
    const [x] = await settledExecutions(emu(), app.appId);
    expect(x?.inputs).toEqual({ text: 'launch', user: 'U0EMULATOR' });
  });
});
