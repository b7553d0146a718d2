import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../../test/helpers/test-context.js';
import { server } from '../../../test/msw/server.js';
import { calls, slackError, slackMethod } from '../../../test/msw/slack.js';
import { createColors } from '../../io/colors.js';
import { messageEntries, renderMessages, tsTime, type MessageEntry } from './message-lines.js';

const EMULATOR = 'http://127.0.0.1:5810';
const env = { SLACK_SERVICE_TOKEN: 'xoxp-developer-token', ROSI_APIHOST: EMULATOR };
const rosi = (argv: string[], o: { env?: Record<string, string> } = {}) => runCliInProcess(['emulator', 'messages', ...argv], { env: o.env ?? env });

const ts = (seconds: number, micros = 0) => `${seconds}.${String(micros).padStart(6, '0')}`;
const T0 = 1_795_867_200; // 2026-11-28T12:00:00Z
const posted = (text: string, at: string, more: Record<string, unknown> = {}) => ({
  type: 'message',
  ts: at,
  text,
  app_id: 'A0APP000001',
  bot_id: 'B0BOT000001',
  emulator: { workflow_execution_id: 'Wx0EXEC00001', workflow: 'greet', function_execution_id: 'Fx0STEP00001' },
  ...more,
});

const CHANNELS = [
  { id: 'C0GENERAL', name: 'general' },
  { id: 'C0RANDOM', name: 'random' },
];

/** The emulator's answers: #general holds a message and a thread of two replies, #random one message of another app. */
function useEmulatorLog(history: Record<string, unknown[]> = {}) {
  const logs: Record<string, unknown[]> = {
    C0GENERAL: [posted('parent', ts(T0 + 2), { thread_ts: ts(T0 + 2), reply_count: 2, latest_reply: ts(T0 + 4) }), posted('hello\nsecond line', ts(T0 + 1))],
    C0RANDOM: [posted('elsewhere', ts(T0 + 5), { app_id: 'A0OTHER0001', emulator: { workflow_execution_id: 'Wx0EXEC00002', workflow: 'other' } })],
    ...history,
  };
  server.use(
    slackMethod('conversations.list', () => ({ channels: CHANNELS, response_metadata: { next_cursor: '' } }), EMULATOR),
    slackMethod('conversations.history', (p) => ({ messages: logs[String(p.channel)] ?? [], has_more: false }), EMULATOR),
    slackMethod(
      'conversations.replies',
      () => ({
        messages: [
          posted('parent', ts(T0 + 2), { thread_ts: ts(T0 + 2), reply_count: 2 }),
          posted('first reply', ts(T0 + 3), { thread_ts: ts(T0 + 2) }),
          posted('second reply', ts(T0 + 4), { thread_ts: ts(T0 + 2) }),
        ],
        has_more: false,
      }),
      EMULATOR,
    ),
  );
}

describe('rosi emulator messages: rendering', () => {
  const plain = createColors(false);
  const render = (entries: MessageEntry[]) => {
    const lines: string[] = [];
    renderMessages(entries, { out: (l = '') => void lines.push(l), colors: plain });
    return lines.join('\n');
  };

  it('a ts is an ISO time to the second, UTC', () => {
    expect(tsTime(ts(T0, 123456))).toBe('2026-11-28T12:00:00Z');
  });

  it('one line a message, replies indented under their parent, continuation lines under the text', () => {
    const general = { id: 'C0GENERAL', name: 'general' };
    const entries = messageEntries(
      general,
      [
        { message: posted('hello\nsecond line', ts(T0 + 1)), replies: [] },
        {
          message: posted('parent', ts(T0 + 2), { thread_ts: ts(T0 + 2), reply_count: 1 }),
          replies: [posted('a reply', ts(T0 + 3), { thread_ts: ts(T0 + 2) })],
        },
        { message: posted('', ts(T0 + 4), { blocks: [{ type: 'section' }], emulator: undefined }), replies: [] },
      ],
      undefined,
    );
    expect(render(entries)).toMatchInlineSnapshot(`
      "2026-11-28T12:00:01Z  #general  A0APP000001  greet Wx0EXEC00001  hello
          second line
      2026-11-28T12:00:02Z  #general  A0APP000001  greet Wx0EXEC00001  parent
          2026-11-28T12:00:03Z  #general  A0APP000001  greet Wx0EXEC00001  a reply
      2026-11-28T12:00:04Z  #general  A0APP000001  [1 block]"
    `);
  });

  it('a channel the team does not list is named by its ID', () => {
    expect(render(messageEntries({ id: 'D0DM0000001', name: undefined }, [{ message: posted('psst', ts(T0)), replies: [] }], undefined))).toBe(
      '2026-11-28T12:00:00Z  D0DM0000001  A0APP000001  greet Wx0EXEC00001  psst',
    );
  });
});

describe('rosi emulator messages: against the emulator', () => {
  it('prints every channel of the team, oldest first, each thread’s replies under it', async () => {
    useEmulatorLog();
    const r = await rosi([]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      [
        '2026-11-28T12:00:01Z  #general  A0APP000001  greet Wx0EXEC00001  hello',
        '    second line',
        '2026-11-28T12:00:02Z  #general  A0APP000001  greet Wx0EXEC00001  parent',
        '    2026-11-28T12:00:03Z  #general  A0APP000001  greet Wx0EXEC00001  first reply',
        '    2026-11-28T12:00:04Z  #general  A0APP000001  greet Wx0EXEC00001  second reply',
        '2026-11-28T12:00:05Z  #random  A0OTHER0001  other Wx0EXEC00002  elsewhere',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(calls('conversations.history').map((c) => c.params.channel)).toEqual(['C0GENERAL', 'C0RANDOM']);
    expect(calls('conversations.history')[0]).toMatchObject({ httpMethod: 'GET', headers: { authorization: 'Bearer xoxp-developer-token' } });
    // Only the thread with replies costs a replies call.
    expect(calls('conversations.replies').map((c) => c.params.ts)).toEqual([ts(T0 + 2)]);
  });

  it('--json prints one array, replies after their parent, with the execution that posted each', async () => {
    useEmulatorLog();
    const r = await rosi(['--channel', '#general', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as MessageEntry[];
    expect(out.map((m) => m.text)).toEqual(['hello\nsecond line', 'parent', 'first reply', 'second reply']);
    expect(out[0]).toEqual({
      channel: 'C0GENERAL',
      channel_name: 'general',
      ts: ts(T0 + 1),
      time: '2026-11-28T12:00:01Z',
      text: 'hello\nsecond line',
      app_id: 'A0APP000001',
      bot_id: 'B0BOT000001',
      workflow: 'greet',
      workflow_execution_id: 'Wx0EXEC00001',
      function_execution_id: 'Fx0STEP00001',
    });
    expect(out[2]).toMatchObject({ thread_ts: ts(T0 + 2) });
    expect(calls('conversations.history').map((c) => c.params.channel)).toEqual(['C0GENERAL']);
  });

  it('--app keeps what that app posted; --channel takes IDs and names, repeated', async () => {
    useEmulatorLog();
    const r = await rosi(['--channel', 'C0RANDOM', '--channel', 'general', '--app', 'A0OTHER0001']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('2026-11-28T12:00:05Z  #random  A0OTHER0001  other Wx0EXEC00002  elsewhere\n');
  });

  it('--limit asks for the newest n top-level messages of each channel', async () => {
    useEmulatorLog();
    await rosi(['--channel', '#general', '--limit', '1']);
    expect(calls('conversations.history')[0]?.params).toMatchObject({ channel: 'C0GENERAL', limit: '1' });
  });

  it('nothing posted → a note on stderr, nothing on stdout (`[]` with --json), exit 0', async () => {
    useEmulatorLog({ C0GENERAL: [], C0RANDOM: [] });
    const r = await rosi([]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toContain('Nothing was posted in the team’s channels yet.');
    const j = await rosi(['--json']);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toEqual([]);
  });

  it('a #name the team does not have → exit 2, naming its channels', async () => {
    useEmulatorLog();
    const r = await rosi(['--channel', '#nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Invalid --channel: the team has no channel named #nope');
    expect(r.stderr).toContain('Its channels: #general, #random.');
    expect(calls('conversations.history')).toEqual([]);
  });

  it('an ID the emulator does not know → exit 2, said as a mistake in --channel', async () => {
    useEmulatorLog();
    server.use(slackError('conversations.history', 'channel_not_found', {}, EMULATOR));
    const r = await rosi(['--channel', 'C0NOSUCHONE']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Invalid --channel: the team has no channel C0NOSUCHONE');
  });

  it('--limit that is not a whole number → exit 2', async () => {
    const r = await rosi(['--limit', 'ten']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Invalid --limit: must be a whole number (0 prints all)');
  });
});

describe('rosi emulator messages: against Slack', () => {
  it('refuses with exit 2, saying it reads the emulator’s log, and calls nothing', async () => {
    const r = await rosi([], { env: { SLACK_SERVICE_TOKEN: 'xoxp-developer-token', ROSI_APIHOST: 'https://slack.com' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rosi emulator messages reads the emulator’s message log, and https://slack.com is not the emulator');
    expect(r.stderr).toContain('point rosi at it (here at its default address): rosi emulator messages --apihost http://127.0.0.1:5810\n');
    expect(r.stderr).not.toContain('xoxp-developer-token');
    expect(calls()).toEqual([]);
  });

  it('the command it suggests keeps --config-dir, so it reads the same logins', async () => {
    const r = await rosi(['--config-dir', '/tmp/rosi logins'], { env: { SLACK_SERVICE_TOKEN: 'xoxp-developer-token', ROSI_APIHOST: 'https://slack.com' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("rosi emulator messages --apihost http://127.0.0.1:5810 --config-dir '/tmp/rosi logins'\n");
  });
});
