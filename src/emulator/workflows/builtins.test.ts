import { afterEach, describe, expect, it } from 'vitest';
import { useInProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import { executions, fakeRunner, settledExecutions, workflowsApp, workingFunctions } from '../../../test/helpers/workflows.js';
import { DEFAULT_DELAY_CAP_MS } from '../defaults.js';

describe("Slack's built-ins the emulator runs (runtime contract §6.3 item 3)", () => {
  const emu = useInProcessEmulator({ functionRunner: fakeRunner(workingFunctions()) });
  afterEach(() => expect(emu().errors).toEqual([]));

  it('send_dm, delay (capped, by the emulator clock), send_message and reply_in_thread, each with its outputs', async () => {
    const w = await workflowsApp(emu());
    await (await w.webhook('builtins', ['user', 'channel'])).post({ user: 'U0EMULATOR', channel: 'C0RANDOM' });
    // The delay step waits on the emulator's clock, at most the cap (not 5 minutes).
    await expect.poll(async () => (await executions(emu(), w.appId))[0]?.steps.length).toBe(2);
    expect((await executions(emu(), w.appId))[0]).toMatchObject({ status: 'running', steps: [{ status: 'completed' }, { status: 'running' }] });
    emu().clock.advance(DEFAULT_DELAY_CAP_MS);
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x?.status).toBe('completed');
    const dm = x?.steps[0]?.outputs as Json;
    const dmChannel = (dm.message_context as Json).channel_id as string;
    expect(dmChannel).toMatch(/^D[A-Z0-9]{10}$/);
    expect((await emu().control(`messages?channel=${dmChannel}`)).body.messages).toMatchObject([{ text: 'psst' }]);
    const posted = x?.steps[2]?.outputs as Json;
    const messages = (await emu().control('messages?channel=C0RANDOM')).body.messages as Json[];
    expect(messages).toMatchObject([
      { text: 'out loud', ts: posted.message_timestamp },
      { text: 'in the thread', thread_ts: posted.message_timestamp },
    ]);
    expect(x?.steps[3]?.outputs).toMatchObject({ message_context: { channel_id: 'C0RANDOM', message_ts: messages[1]?.ts } });
  });

  it('an unknown user fails send_dm with user_not_found; the workflow stops there', async () => {
    const w = await workflowsApp(emu());
    await (await w.webhook('builtins', ['user', 'channel'])).post({ user: 'U0NOBODY', channel: 'C0RANDOM' });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({ status: 'failed', steps: [{ status: 'failed', error: 'user_not_found' }] });
    expect(x?.steps).toHaveLength(1);
  });

  it('another team’s or an unknown channel fails send_message with channel_not_found', async () => {
    const w = await workflowsApp(emu());
    await (await w.webhook('three', ['text', 'channel'])).post({ text: 'a', channel: 'C0NOSUCH' });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({ status: 'failed', steps: [{ status: 'completed' }, { status: 'completed' }, { status: 'failed', error: 'channel_not_found' }] });
  });
});
