import { describe, expect, it } from 'vitest';
import { createApp, hostedManifest, OTHER_TEAM, seedUser } from '../../../test/helpers/hosting.js';
import { useInProcessEmulator, type InProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import { fakeRunner, runtimeCall, settledExecutions } from '../../../test/helpers/workflows.js';
import { DEFAULT_TEAM } from '../defaults.js';

const str = { type: 'string' };
const channelType = { type: 'slack#/types/channel_id' };

/** An app whose workflows only post (built-ins, no Deno), and one function that reads history with its execution token. */
const postingManifest = (bot: string[]) =>
  hostedManifest({
    oauth_config: { scopes: { bot } },
    functions: {
      read: {
        title: 'Read',
        source_file: 'functions/read.ts',
        input_parameters: { properties: { channel: str }, required: ['channel'] },
        output_parameters: { properties: { texts: str }, required: ['texts'] },
      },
    },
    workflows: {
      post: {
        title: 'Post',
        input_parameters: { properties: { text: str, channel: channelType }, required: ['text', 'channel'] },
        steps: [{ id: '0', function_id: 'slack#/functions/send_message', inputs: { channel_id: '{{inputs.channel}}', message: '{{inputs.text}}' } }],
      },
      thread: {
        title: 'Thread',
        input_parameters: { properties: { channel: channelType }, required: ['channel'] },
        steps: [
          { id: '0', function_id: 'slack#/functions/send_message', inputs: { channel_id: '{{inputs.channel}}', message: 'parent' } },
          { id: '1', function_id: 'slack#/functions/reply_in_thread', inputs: { message_context: '{{steps.0.message_context}}', message: 'first reply' } },
          { id: '2', function_id: 'slack#/functions/reply_in_thread', inputs: { message_context: '{{steps.0.message_context}}', message: 'second reply' } },
        ],
      },
      read: {
        title: 'Read',
        input_parameters: { properties: { channel: str }, required: ['channel'] },
        steps: [{ id: '0', function_id: '#/functions/read', inputs: { channel: '{{inputs.channel}}' } }],
      },
    },
  });

const runner = fakeRunner({
  read: async ({ env, token, inputs }) => {
    const r = await runtimeCall(env, token, 'conversations.history', { channel: String(inputs.channel) });
    if (r.ok !== true) return { error: String(r.error) };
    return { outputs: { texts: (r.messages as Json[]).map((m) => m.text).join(',') } };
  },
});

/** An app of the developer's team that posts through webhook triggers; each post waits for its workflow to end. */
async function postingApp(emu: InProcessEmulator, bot = ['commands', 'channels:history', 'channels:read']) {
  const { token, appId } = await createApp(emu, postingManifest(bot));
  let runs = 0;
  const hook = async (workflow: string, inputs: string[]) => {
    const r = await emu.json(
      'workflows.triggers.create',
      {
        type: 'webhook',
        name: workflow,
        workflow: `#/workflows/${workflow}`,
        workflow_app_id: appId,
        inputs: Object.fromEntries(inputs.map((n) => [n, { value: `{{data.${n}}}` }])),
      },
      token,
    );
    const url = String((r.trigger as Json).webhook_url);
    return async (data: Json) => {
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
      runs += 1;
      return settledExecutions(emu, appId, runs);
    };
  };
  const post = await hook('post', ['text', 'channel']);
  const thread = await hook('thread', ['channel']);
  const read = await hook('read', ['channel']);
  const botToken = async () => {
    const r = await emu.json('apps.developerInstall', { app_id: appId, bot_scopes: bot }, token);
    return String((r.api_access_tokens as Json).bot);
  };
  return { token, appId, post, thread, read, botToken };
}

const texts = (r: Json) => (r.messages as Json[]).map((m) => m.text);

describe('conversations.history', () => {
  const emu = useInProcessEmulator({ functionRunner: runner });

  it('answers what workflows posted, newest first, in Slack’s message shape with the emulator’s own fields apart', async () => {
    const app = await postingApp(emu());
    await app.post({ text: 'one', channel: 'C0GENERAL' });
    const [x] = (await app.post({ text: 'two', channel: 'C0GENERAL' })).slice(-1);
    const r = await emu().form('conversations.history', { token: app.token, channel: 'C0GENERAL' });
    expect(r).toMatchObject({ ok: true, has_more: false, pin_count: 0 });
    expect(r).not.toHaveProperty('response_metadata');
    expect(texts(r)).toEqual(['two', 'one']);
    expect((r.messages as Json[])[0]).toEqual({
      type: 'message',
      ts: expect.stringMatching(/^\d{10}\.\d{6}$/),
      text: 'two',
      team: DEFAULT_TEAM.id,
      bot_id: expect.stringMatching(/^B[A-Z0-9]{10}$/),
      app_id: app.appId,
      emulator: { workflow_execution_id: x?.id, workflow: 'post', function_execution_id: x?.steps[0]?.function_execution_id },
    });
    expect(await emu().form('conversations.history', { token: app.token, channel: 'C0RANDOM' })).toEqual({
      ok: true,
      messages: [],
      has_more: false,
      pin_count: 0,
    });
  });

  it('pages with limit and response_metadata.next_cursor; a garbled or another channel’s cursor → invalid_cursor', async () => {
    const app = await postingApp(emu());
    for (const text of ['a', 'b', 'c', 'd', 'e']) await app.post({ text, channel: 'C0GENERAL' });
    const seen: unknown[] = [];
    let cursor: string | undefined;
    const cursors: string[] = [];
    do {
      const r = await emu().json('conversations.history', { channel: 'C0GENERAL', limit: 2, ...(cursor ? { cursor } : {}) }, app.token);
      seen.push(...texts(r));
      cursor = (r.response_metadata as Json | undefined)?.next_cursor as string | undefined;
      expect(r.has_more).toBe(cursor !== undefined);
      if (cursor) cursors.push(cursor);
    } while (cursor);
    expect(seen).toEqual(['e', 'd', 'c', 'b', 'a']);
    const first = cursors[0] ?? '';
    expect(await emu().json('conversations.history', { channel: 'C0RANDOM', cursor: first }, app.token)).toEqual({ ok: false, error: 'invalid_cursor' });
    expect(await emu().json('conversations.history', { channel: 'C0GENERAL', cursor: `${first}x` }, app.token)).toEqual({ ok: false, error: 'invalid_cursor' });
  });

  it('oldest and latest bound the range, their own messages counted only with inclusive', async () => {
    const app = await postingApp(emu());
    for (const text of ['a', 'b', 'c']) await app.post({ text, channel: 'C0GENERAL' });
    const all = (await emu().form('conversations.history', { token: app.token, channel: 'C0GENERAL' })).messages as Json[];
    const [c, b, a] = all.map((m) => String(m.ts));
    const history = async (p: Record<string, string>) => texts(await emu().form('conversations.history', { token: app.token, channel: 'C0GENERAL', ...p }));
    expect(await history({ oldest: String(a), latest: String(c) })).toEqual(['b']);
    expect(await history({ oldest: String(a), latest: String(c), inclusive: 'true' })).toEqual(['c', 'b', 'a']);
    expect(await history({ oldest: String(b) })).toEqual(['c']);
    expect(await history({ latest: String(b) })).toEqual(['a']);
  });

  it('lists a thread’s parent with reply_count and latest_reply; conversations.replies answers the thread, oldest first', async () => {
    const app = await postingApp(emu());
    await app.thread({ channel: 'C0GENERAL' });
    const r = await emu().form('conversations.history', { token: app.token, channel: 'C0GENERAL' });
    const [parent] = r.messages as Json[];
    expect(texts(r)).toEqual(['parent']);
    expect(parent).toMatchObject({ thread_ts: parent?.ts, reply_count: 2, latest_reply: expect.any(String) });
    const replies = await emu().form('conversations.replies', { token: app.token, channel: 'C0GENERAL', ts: String(parent?.ts) });
    expect(texts(replies)).toEqual(['parent', 'first reply', 'second reply']);
    expect((replies.messages as Json[])[1]).toMatchObject({ thread_ts: parent?.ts });
    expect((replies.messages as Json[])[1]).not.toHaveProperty('reply_count');
    const paged = await emu().form('conversations.replies', { token: app.token, channel: 'C0GENERAL', ts: String(parent?.ts), limit: '2' });
    expect(texts(paged)).toEqual(['parent', 'first reply']);
    const cursor = String((paged.response_metadata as Json).next_cursor);
    const rest = await emu().form('conversations.replies', { token: app.token, channel: 'C0GENERAL', ts: String(parent?.ts), cursor });
    expect(texts(rest)).toEqual(['second reply']);
    expect(await emu().form('conversations.replies', { token: app.token, channel: 'C0GENERAL', ts: '1.000001' })).toEqual({
      ok: false,
      error: 'thread_not_found',
    });
  });

  it.each([
    { name: 'no channel', params: {}, error: 'invalid_arguments' },
    { name: 'an unknown channel', params: { channel: 'C0NOSUCHONE' }, error: 'channel_not_found' },
    { name: 'a DM nothing was sent to', params: { channel: 'D0NOSUCHONE' }, error: 'channel_not_found' },
    { name: 'limit 1001', params: { channel: 'C0GENERAL', limit: '1001' }, error: 'invalid_limit' },
    { name: 'limit not a number', params: { channel: 'C0GENERAL', limit: 'ten' }, error: 'invalid_limit' },
    { name: 'oldest not a ts', params: { channel: 'C0GENERAL', oldest: 'yesterday' }, error: 'invalid_ts_oldest' },
    { name: 'latest not a ts', params: { channel: 'C0GENERAL', latest: '-1' }, error: 'invalid_ts_latest' },
  ])('$name → $error', async ({ params, error }) => {
    const { token } = await emu().login({ noRotation: true });
    expect(await emu().form('conversations.history', { token: String(token), ...params })).toEqual({ ok: false, error });
  });

  it('without a token → not_authed', async () => {
    expect(await emu().form('conversations.history', { channel: 'C0GENERAL' })).toEqual({ ok: false, error: 'not_authed' });
  });

  it('another team’s channel is not found, as one that does not exist; their token sees nothing of ours', async () => {
    const app = await postingApp(emu());
    await app.post({ text: 'ours', channel: 'C0GENERAL' });
    const theirs = await seedUser(emu());
    expect(await emu().form('conversations.history', { token: theirs, channel: 'C0GENERAL' })).toEqual({ ok: false, error: 'channel_not_found' });
    const other = (await emu().control(`channels?team_id=${OTHER_TEAM.team_id}`)).body.channels as Json[];
    const theirGeneral = String(other[0]?.id);
    expect(await emu().form('conversations.history', { token: app.token, channel: theirGeneral })).toEqual({ ok: false, error: 'channel_not_found' });
    expect(await emu().form('conversations.history', { token: theirs, channel: theirGeneral })).toMatchObject({ ok: true, messages: [] });
  });

  it('an app’s bot token needs channels:history; an execution token reads with its app’s scopes', async () => {
    const app = await postingApp(emu());
    await app.post({ text: 'hello', channel: 'C0GENERAL' });
    expect(texts(await emu().json('conversations.history', { channel: 'C0GENERAL' }, await app.botToken()))).toEqual(['hello']);
    const [x] = (await app.read({ channel: 'C0GENERAL' })).slice(-1);
    expect(x).toMatchObject({ status: 'completed', steps: [{ outputs: { texts: 'hello' } }] });

    const blind = await postingApp(emu(), ['commands', 'channels:read']);
    expect(await emu().json('conversations.history', { channel: 'C0GENERAL' }, await blind.botToken())).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'channels:history',
      provided: 'commands,channels:read',
    });
  });
});

describe('conversations.list', () => {
  const emu = useInProcessEmulator();

  it('answers the team’s public channels by default, private ones when asked, with a cursor that is empty at the end', async () => {
    const { token } = await emu().login({ noRotation: true });
    expect((await emu().control('channels', { name: 'secret', is_private: true })).status).toBe(200);
    const names = (r: Json) => (r.channels as Json[]).map((c) => c.name);
    const plain = await emu().form('conversations.list', { token: String(token) });
    expect(names(plain)).toEqual(['general', 'random']);
    expect(plain.response_metadata).toEqual({ next_cursor: '' });
    expect(names(await emu().form('conversations.list', { token: String(token), types: 'public_channel,private_channel' }))).toEqual([
      'general',
      'random',
      'secret',
    ]);
    expect(names(await emu().form('conversations.list', { token: String(token), types: 'im' }))).toEqual([]);
  });

  it('pages with limit and cursor', async () => {
    const { token } = await emu().login({ noRotation: true });
    const first = await emu().form('conversations.list', { token: String(token), limit: '1' });
    const cursor = String((first.response_metadata as Json).next_cursor);
    expect(cursor).not.toBe('');
    const second = await emu().form('conversations.list', { token: String(token), limit: '1', cursor });
    expect([...(first.channels as Json[]), ...(second.channels as Json[])].map((c) => c.id)).toEqual(['C0GENERAL', 'C0RANDOM']);
    expect(second.response_metadata).toEqual({ next_cursor: '' });
    expect(await emu().form('conversations.list', { token: String(token), cursor: 'nonsense' })).toEqual({ ok: false, error: 'invalid_cursor' });
    expect(await emu().form('conversations.list', { token: String(token), types: 'private_channel', cursor })).toEqual({
      ok: false,
      error: 'invalid_cursor',
    });
  });

  it.each([
    { name: 'an unknown type', params: { types: 'public_channel,threads' }, error: 'invalid_types' },
    { name: 'limit 1001', params: { limit: '1001' }, error: 'invalid_limit' },
  ])('$name → $error', async ({ params, error }) => {
    const { token } = await emu().login({ noRotation: true });
    expect(await emu().form('conversations.list', { token: String(token), ...params })).toEqual({ ok: false, error });
  });

  it('answers only the caller’s team', async () => {
    const theirs = await seedUser(emu());
    const r = await emu().form('conversations.list', { token: theirs });
    expect((r.channels as Json[]).map((c) => [c.name, c.context_team_id])).toEqual([['general', OTHER_TEAM.team_id]]);
  });

  it('an app’s bot token needs the read scope of every type asked', async () => {
    const { token, appId } = await createApp(emu());
    const install = await emu().json('apps.developerInstall', { app_id: appId, bot_scopes: ['channels:read'] }, token);
    const bot = String((install.api_access_tokens as Json).bot);
    expect(await emu().form('conversations.list', { token: bot })).toMatchObject({ ok: true });
    expect(await emu().form('conversations.list', { token: bot, types: 'public_channel,private_channel' })).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'groups:read',
      provided: 'channels:read',
    });
  });
});
