import { afterEach, describe, expect, it } from 'vitest';
import { createApp, OTHER_TEAM, seedUser } from '../../../test/helpers/hosting.js';
import { useInProcessEmulator, type InProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import { fakeRunner, runtimeCall, settledExecutions, workflowsApp, type FakeFunction } from '../../../test/helpers/workflows.js';
import { DEFAULT_USER } from '../defaults.js';

/** A bot token of a new app installed with `scopes`. */
async function botToken(emu: InProcessEmulator, scopes = ['chat:write']): Promise<{ bot: string; appId: string; token: string }> {
  const { token, appId } = await createApp(emu);
  const r = await emu.json('apps.developerInstall', { app_id: appId, bot_scopes: scopes }, token);
  return { bot: String((r.api_access_tokens as Json).bot), appId, token };
}

/** A form POST as Slack's clients send one: non-strings as JSON, the token as Bearer. */
async function form(emu: InProcessEmulator, method: string, params: Json, token: string): Promise<Json> {
  return runtimeCall({ SLACK_API_URL: `${emu.url}/api/` }, token, method, params);
}

const messagesIn = async (emu: InProcessEmulator, channel: string) => (await emu.control(`messages?channel=${channel}`)).body.messages as Json[];

describe('chat.postMessage with an app’s bot token', () => {
  const emu = useInProcessEmulator();

  it('posts to a channel of the team and answers Slack’s shape; the message is in the log, from no execution', async () => {
    const { bot, appId } = await botToken(emu());
    const r = await emu().json('chat.postMessage', { channel: 'C0GENERAL', text: 'hello' }, bot);
    expect(r).toEqual({
      ok: true,
      channel: 'C0GENERAL',
      ts: expect.stringMatching(/^\d+\.\d{6}$/),
      message: {
        type: 'message',
        text: 'hello',
        user: expect.stringMatching(/^U/),
        bot_id: expect.stringMatching(/^B/),
        app_id: appId,
        team: expect.any(String),
        ts: r.ts,
      },
    });
    const [m] = await messagesIn(emu(), 'C0GENERAL');
    expect(m).toEqual({ ts: r.ts, text: 'hello', app_id: appId, posted_at: expect.any(String) });
  });

  it('takes blocks as a JSON array or, form-encoded, as a JSON string; blocks without text are enough', async () => {
    const { bot } = await botToken(emu());
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }];
    expect(await emu().json('chat.postMessage', { channel: 'C0GENERAL', blocks }, bot)).toMatchObject({ ok: true, message: { text: '', blocks } });
    expect(await form(emu(), 'chat.postMessage', { channel: 'C0GENERAL', text: 'fallback', blocks }, bot)).toMatchObject({
      ok: true,
      message: { text: 'fallback', blocks },
    });
    expect((await messagesIn(emu(), 'C0GENERAL')).map((m) => m.blocks)).toEqual([blocks, blocks]);
  });

  it('replies in a thread of that channel; a reply to a reply joins the same thread; an unknown parent is thread_not_found', async () => {
    const { bot } = await botToken(emu());
    const parent = await emu().json('chat.postMessage', { channel: 'C0GENERAL', text: 'parent' }, bot);
    const reply = await emu().json('chat.postMessage', { channel: 'C0GENERAL', text: 'reply', thread_ts: parent.ts }, bot);
    expect(reply).toMatchObject({ ok: true, message: { thread_ts: parent.ts } });
    const again = await emu().json('chat.postMessage', { channel: 'C0GENERAL', text: 'again', thread_ts: reply.ts }, bot);
    expect(again).toMatchObject({ ok: true, message: { thread_ts: parent.ts } });
    expect(await emu().json('chat.postMessage', { channel: 'C0GENERAL', text: 'x', thread_ts: '1.000001' }, bot)).toEqual({
      ok: false,
      error: 'thread_not_found',
    });
    // The parent is in another channel: not a thread of this one.
    expect(await emu().json('chat.postMessage', { channel: 'C0RANDOM', text: 'x', thread_ts: parent.ts }, bot)).toEqual({
      ok: false,
      error: 'thread_not_found',
    });
  });

  it('a person’s ID posts to their DM with the app (as send_dm does); that DM’s D… ID works after', async () => {
    const { bot } = await botToken(emu());
    const r = await emu().json('chat.postMessage', { channel: DEFAULT_USER.id, text: 'psst' }, bot);
    expect(r).toMatchObject({ ok: true, channel: expect.stringMatching(/^D[A-Z0-9]{10}$/) });
    expect(await emu().json('chat.postMessage', { channel: r.channel, text: 'again' }, bot)).toMatchObject({ ok: true, channel: r.channel });
    expect((await messagesIn(emu(), String(r.channel))).map((m) => m.text)).toEqual(['psst', 'again']);
    // Another app's DM is not this app's to post in.
    const other = await botToken(emu());
    expect(await emu().json('chat.postMessage', { channel: r.channel, text: 'x' }, other.bot)).toEqual({ ok: false, error: 'channel_not_found' });
  });

  it.each([
    { name: 'no channel', params: { text: 'x' }, error: 'channel_not_found' },
    { name: 'an unknown channel', params: { channel: 'C0NOSUCH', text: 'x' }, error: 'channel_not_found' },
    { name: 'an unknown user', params: { channel: 'U0NOBODY', text: 'x' }, error: 'channel_not_found' },
    { name: 'neither text nor blocks', params: { channel: 'C0GENERAL' }, error: 'no_text' },
    { name: 'empty text, empty blocks', params: { channel: 'C0GENERAL', text: '', blocks: [] }, error: 'no_text' },
    { name: 'blocks not an array', params: { channel: 'C0GENERAL', blocks: { type: 'section' } }, error: 'invalid_blocks' },
    { name: 'blocks not JSON', params: { channel: 'C0GENERAL', blocks: '[{' }, error: 'invalid_blocks' },
    { name: 'text of 40,001 characters', params: { channel: 'C0GENERAL', text: 'a'.repeat(40_001) }, error: 'msg_too_long' },
  ])('$name → $error', async ({ params, error }) => {
    const { bot } = await botToken(emu());
    expect(await emu().json('chat.postMessage', params, bot)).toEqual({ ok: false, error });
  });

  it('counts text in characters, as Slack does: 40,000 emoji (80,000 UTF-16 units) are taken', async () => {
    const { bot } = await botToken(emu());
    expect(await emu().json('chat.postMessage', { channel: 'C0GENERAL', text: '😀'.repeat(40_000) }, bot)).toMatchObject({ ok: true });
    expect(await emu().json('chat.postMessage', { channel: 'C0GENERAL', text: '😀'.repeat(40_001) }, bot)).toEqual({ ok: false, error: 'msg_too_long' });
  });

  it('another team’s channel is channel_not_found, exactly as one that does not exist', async () => {
    await seedUser(emu());
    const theirs = ((await emu().control(`channels?team_id=${OTHER_TEAM.team_id}`)).body.channels as Json[])[0]?.id;
    expect(theirs).toMatch(/^C/);
    const { bot } = await botToken(emu());
    expect(await emu().json('chat.postMessage', { channel: theirs, text: 'x' }, bot)).toEqual({ ok: false, error: 'channel_not_found' });
    expect(await emu().json('chat.postMessage', { channel: OTHER_TEAM.user_id, text: 'x' }, bot)).toEqual({ ok: false, error: 'channel_not_found' });
  });

  it('who may post: no token, a made-up one, a person’s, a bot without chat:write', async () => {
    const { bot, token } = await botToken(emu(), ['commands']);
    const params = { channel: 'C0GENERAL', text: 'x' };
    expect(await emu().json('chat.postMessage', params)).toEqual({ ok: false, error: 'not_authed' });
    expect(await emu().json('chat.postMessage', params, 'xoxb-1-2-made-up')).toEqual({ ok: false, error: 'invalid_auth' });
    expect(await emu().json('chat.postMessage', params, token)).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect(await emu().json('chat.postMessage', params, bot)).toEqual({ ok: false, error: 'missing_scope', needed: 'chat:write', provided: 'commands' });
    expect(await messagesIn(emu(), 'C0GENERAL')).toEqual([]);
  });
});

describe('chat.postMessage with a function’s execution token', () => {
  const functions: Record<string, FakeFunction> = {};
  const runner = fakeRunner(functions);
  const emu = useInProcessEmulator({ functionRunner: runner });
  afterEach(() => expect(emu().errors).toEqual([]));

  it('posts as the app, the message carrying its execution; once the execution ended the token is token_revoked', async () => {
    let answer: Json = {};
    functions.reverse = async ({ env, token }) => {
      answer = await runtimeCall(env, token, 'chat.postMessage', { channel: 'C0RANDOM', text: 'from a function' });
      return { outputs: { reversed: 'x' } };
    };
    const w = await workflowsApp(emu());
    // Installed with chat:write, as a deploy installs an app with its manifest's scopes.
    await emu().json('apps.developerInstall', { app_id: w.appId, bot_scopes: ['chat:write'] }, w.token);
    await (await w.webhook('one', ['text'])).post({ text: 'abc' });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x?.status).toBe('completed');
    expect(answer, JSON.stringify(answer)).toMatchObject({ ok: true, channel: 'C0RANDOM', message: { text: 'from a function', app_id: w.appId } });
    expect(await messagesIn(emu(), 'C0RANDOM')).toEqual([
      {
        ts: answer.ts,
        text: 'from a function',
        app_id: w.appId,
        workflow_execution_id: x?.id,
        function_execution_id: x?.steps[0]?.function_execution_id,
        posted_at: expect.any(String),
      },
    ]);
    const token = runner.calls[0]?.token ?? '';
    expect(await emu().json('chat.postMessage', { channel: 'C0RANDOM', text: 'late' }, token)).toEqual({ ok: false, error: 'token_revoked' });
  });
});
