import { describe, expect, it } from 'vitest';
import { seedUser } from '../../../../test/helpers/hosting.js';
import { useInProcessEmulator, type InProcessEmulator, type Json } from '../../../../test/helpers/in-process-emulator.js';
import { fakeRunner, settledExecutions, workflowsApp, workingFunctions } from '../../../../test/helpers/workflows.js';

// The messages page's endpoints: the team's channels with counts, and a channel's messages paged newest first.

async function get(emu: InProcessEmulator, path: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${emu.url}/__console/api/${path}`);
  return { status: res.status, body: (await res.json()) as Json };
}

/** A person's message, through the events control endpoint (as a test posts one); answers its ts. */
async function say(emu: InProcessEmulator, text: string, o: { channel?: string; thread_ts?: string; team?: string; user?: string } = {}): Promise<string> {
  const r = await emu.control('events', {
    type: 'message_posted',
    ...(o.team ? { team_id: o.team } : {}),
    data: { channel_id: o.channel ?? 'C0GENERAL', user_id: o.user ?? 'U0EMULATOR', text, ...(o.thread_ts ? { thread_ts: o.thread_ts } : {}) },
  });
  if (r.status !== 200) throw new Error(`post failed: ${JSON.stringify(r.body)}`);
  return String(((r.body.event as Json).data as Json).message_ts);
}

type Page = { channel: Json; messages: (Json & { replies: Json[] })[]; next_before: string | null };

describe('the messages endpoints', () => {
  const emu = useInProcessEmulator({ functionRunner: fakeRunner(workingFunctions()) });

  it('lists the team’s channels with how many messages each holds', async () => {
    await say(emu(), 'one');
    await say(emu(), 'two', { channel: 'C0RANDOM' });
    await say(emu(), 'three', { channel: 'C0RANDOM' });
    const r = await get(emu(), 'messages/channels');
    expect(r.status).toBe(200);
    expect(r.body.team).toEqual({ id: 'T0EMULATOR', name: expect.any(String) });
    expect(r.body.channels).toEqual(
      expect.arrayContaining([
        { id: 'C0GENERAL', name: 'general', is_private: false, messages: expect.any(Number) },
        { id: 'C0RANDOM', name: 'random', is_private: false, messages: 2 },
      ]),
    );
  });

  it('pages a channel newest first, each thread under its parent, and the next page older', async () => {
    await emu().control('channels', { name: 'paging' });
    const { channels } = (await get(emu(), 'messages/channels')).body as { channels: { id: string; name: string }[] };
    const channel = channels.find((c) => c.name === 'paging')?.id as string;
    const first = await say(emu(), 'first', { channel });
    // A reply's message_ts is its parent's (message_posted's data), so the test knows it by its text.
    await say(emu(), 'a reply', { channel, thread_ts: first });
    const second = await say(emu(), 'second', { channel });
    const third = await say(emu(), 'third', { channel });

    const one = (await get(emu(), `messages?channel=${channel}&limit=2`)).body as Page;
    expect(one.channel).toEqual({ id: channel, name: 'paging' });
    expect(one.messages.map((m) => m.ts)).toEqual([third, second]);
    expect(one.next_before).toBe(second);
    const two = (await get(emu(), `messages?channel=${channel}&limit=2&before=${one.next_before}`)).body as Page;
    expect(two.messages.map((m) => [m.ts, m.text, m.replies.map((r) => [r.thread_ts, r.text])])).toEqual([[first, 'first', [[first, 'a reply']]]]);
    expect(two.messages[0]).toMatchObject({ reply_count: 1, posted_at: expect.any(Number), trace_id: null });
    expect(two.next_before).toBeNull();
  });

  it('names the app and the workflow execution that posted a message, with its trace', async () => {
    const w = await workflowsApp(emu());
    const hook = await w.webhook('three', ['text', 'channel']);
    await hook.post({ text: 'abc', channel: 'C0RANDOM' });
    const [x] = await settledExecutions(emu(), w.appId);
    const page = (await get(emu(), 'messages?channel=C0RANDOM&limit=1')).body as Page;
    expect(page.messages[0]).toMatchObject({
      text: 'Got CBA (3)',
      app_id: w.appId,
      app_name: 'Tasks',
      trace_id: x?.trace_id,
      emulator: { workflow_execution_id: x?.id, workflow: 'three' },
    });
  });

  it('reads only the team’s own channels', async () => {
    await seedUser(emu());
    const { channels } = (await get(emu(), 'messages/channels?team_id=T0OTHERTEAM')).body as { channels: { id: string }[] };
    const theirs = channels[0]?.id as string;
    expect((await get(emu(), `messages?channel=${theirs}`)).body).toMatchObject({ error: 'channel_not_found' });
    expect((await get(emu(), `messages?channel=${theirs}&team_id=T0OTHERTEAM`)).status).toBe(200);
  });

  it.each([
    ['no channel', 'messages', 400, 'channel_needed'],
    ['an unknown channel', 'messages?channel=C0NOPE', 404, 'channel_not_found'],
    ['a before that is no ts', 'messages?channel=C0GENERAL&before=yesterday', 400, 'invalid_before'],
    ['a limit of 0', 'messages?channel=C0GENERAL&limit=0', 400, 'invalid_limit'],
    ['a limit over 200', 'messages?channel=C0GENERAL&limit=201', 400, 'invalid_limit'],
    ['an unknown team', 'messages/channels?team_id=T0NOPE', 404, 'team_not_found'],
  ])('%s is a problem saying so', async (_name, path, status, error) => {
    const r = await get(emu(), path);
    expect(r).toMatchObject({ status, body: { error, message: expect.any(String), hint: expect.any(String) } });
  });
});
