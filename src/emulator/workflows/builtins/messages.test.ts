import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../../test/helpers/hosting.js';
import { useInProcessEmulator, type Json } from '../../../../test/helpers/in-process-emulator.js';
import { fakeRunner, settledExecutions, workflowsApp, workingFunctions } from '../../../../test/helpers/workflows.js';

describe('add_reaction', () => {
  const emu = useInProcessEmulator({ functionRunner: fakeRunner(workingFunctions()) });
  afterEach(() => expect(emu().errors).toEqual([]));

  const messages = async (channel: string) => (await emu().control(`messages?channel=${channel}`)).body.messages as Json[];

  it('reacts to the message a step posted, kept on the message; the same emoji again is already_reacted', async () => {
    const w = await workflowsApp(emu());
    await (await w.webhook('react', ['channel', 'emoji'])).post({ channel: 'C0RANDOM', emoji: ':tada:' });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({
      status: 'failed',
      steps: [{ status: 'completed' }, { status: 'completed', outputs: {} }, { status: 'failed', error: 'already_reacted' }],
    });
    const [m] = await messages('C0RANDOM');
    expect(m).toMatchObject({ text: 'react to me', reactions: [{ name: 'tada', users: [expect.stringMatching(/^U/)], count: 1 }] });
  });

  it('reacts to a message chat.postMessage posted: one log for both', async () => {
    const { token, appId } = await createApp(emu());
    const install = await emu().json('apps.developerInstall', { app_id: appId, bot_scopes: ['chat:write'] }, token);
    const bot = String((install.api_access_tokens as Json).bot);
    const posted = await emu().json('chat.postMessage', { channel: 'C0GENERAL', text: 'posted by a bot' }, bot);
    const w = await workflowsApp(emu());
    await (await w.webhook('react_to', ['channel', 'ts'])).post({ channel: 'C0GENERAL', ts: posted.ts });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x?.status, JSON.stringify(x)).toBe('completed');
    expect((await messages('C0GENERAL'))[0]).toMatchObject({ text: 'posted by a bot', reactions: [{ name: 'eyes', count: 1 }] });
  });

  it.each([
    { name: 'a ts no message has', channel: 'C0GENERAL', ts: '1.000001', error: 'message_not_found' },
    { name: 'a channel with no such message', channel: 'C0NOSUCH', ts: '1.000001', error: 'message_not_found' },
  ])('$name → $error', async ({ channel, ts, error }) => {
    const w = await workflowsApp(emu());
    await (await w.webhook('react_to', ['channel', 'ts'])).post({ channel, ts });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({ status: 'failed', steps: [{ status: 'failed', error }] });
  });

  it('a name that is no emoji name → invalid_name, before the message is looked at', async () => {
    const w = await workflowsApp(emu());
    await (await w.webhook('react', ['channel', 'emoji'])).post({ channel: 'C0RANDOM', emoji: 'two words' });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({ status: 'failed', steps: [{ status: 'completed' }, { status: 'failed', error: 'invalid_name' }] });
  });
});
